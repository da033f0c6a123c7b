import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import { attachments, ticketHistory, ticketMessages, tickets, users } from '../../db/schema/index.js';
import type { StoredFile } from './attachments.storage.js';

export interface TicketAccessRow {
  id: string;
  customerId: string;
  departmentId: string;
}

/**
 * A ticket by what the ticket routes accept (ticketRefParamsSchema): its uuid, `#1042` or `1042`.
 * The answer carries the uuid, which everything after the lookup uses.
 */
export async function findTicketAccess(db: DbOrTx, ref: string): Promise<TicketAccessRow | undefined> {
  const byNumber = /^#?(\d+)$/.exec(ref);
  const [row] = await db
    .select({ id: tickets.id, customerId: tickets.customerId, departmentId: tickets.departmentId })
    .from(tickets)
    .where(byNumber ? eq(tickets.number, Number(byNumber[1])) : eq(tickets.id, ref.toLowerCase()));
  return row;
}

/** An attachment with what decides who may see it: its ticket and whether its message is internal. */
export async function findAttachmentWithAccess(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      attachment: attachments,
      customerId: tickets.customerId,
      departmentId: tickets.departmentId,
      isInternal: sql<boolean>`coalesce(${ticketMessages.isInternal}, false)`,
    })
    .from(attachments)
    .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
    .leftJoin(ticketMessages, eq(ticketMessages.id, attachments.messageId))
    .where(eq(attachments.id, id));
  return row;
}

export async function sumTicketBytes(db: DbOrTx, ticketId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${attachments.sizeBytes}), 0)` })
    .from(attachments)
    .where(eq(attachments.ticketId, ticketId));
  return Number(row?.total ?? 0);
}

export async function insertAttachments(
  tx: DbOrTx,
  input: { ticketId: string; messageId: string | null; uploadedById: string; files: readonly StoredFile[] },
) {
  if (input.files.length === 0) return [];
  return tx
    .insert(attachments)
    .values(
      input.files.map((f) => ({
        ticketId: input.ticketId,
        messageId: input.messageId,
        uploadedById: input.uploadedById,
        fileName: f.fileName,
        mimeType: f.mimeType,
        sizeBytes: f.sizeBytes,
        storageKey: f.storageKey,
        sha256: f.sha256,
      })),
    )
    .returning();
}

export async function recordUploadHistory(tx: DbOrTx, ticketId: string, actorId: string, fileNames: string[]) {
  await tx
    .insert(ticketHistory)
    .values(
      fileNames.map((name) => ({ ticketId, actorId, action: 'attachment_added', field: 'attachment', newValue: name })),
    );
  await tx.update(tickets).set({ updatedAt: sql`now()` }).where(eq(tickets.id, ticketId));
}

/** A ticket's attachments; without internal notes' files when `includeInternal` is false. */
export async function listTicketAttachments(db: DbOrTx, ticketId: string, includeInternal: boolean) {
  return db
    .select({ attachment: attachments, uploadedByName: users.name })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedById))
    .leftJoin(ticketMessages, eq(ticketMessages.id, attachments.messageId))
    .where(
      and(
        eq(attachments.ticketId, ticketId),
        includeInternal ? undefined : or(isNull(attachments.messageId), eq(ticketMessages.isInternal, false)),
      ),
    )
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

export async function listAllStorageRows(db: DbOrTx) {
  return db
    .select({ id: attachments.id, storageKey: attachments.storageKey, sha256: attachments.sha256 })
    .from(attachments);
}

export async function storageKeysOfTicket(db: DbOrTx, ticketId: string): Promise<string[]> {
  const rows = await db
    .select({ key: attachments.storageKey })
    .from(attachments)
    .where(eq(attachments.ticketId, ticketId));
  return rows.map((r) => r.key);
}

/** Storage keys of archived tickets' files (the archive table exists once maintenance:archive ran). */
export async function listArchivedStorageKeys(db: DbOrTx): Promise<string[]> {
  const [exists] = await queryRows<{ ok: boolean }>(
    db,
    sql`SELECT to_regclass('attachments_archive') IS NOT NULL AS ok`,
  );
  if (!exists?.ok) return [];
  const rows = await queryRows<{ k: string }>(db, sql`SELECT storage_key AS k FROM attachments_archive`);
  return rows.map((r) => r.k);
}
