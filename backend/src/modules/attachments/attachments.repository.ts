import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
// biome-ignore lint/style/noRestrictedImports: read-only joins for access checks and uploader names (docs/decisions/007-module-rules.md)
import { attachments, ticketMessages, tickets, users } from '../../db/schema/index.js';
import type { StoredFile } from './attachments.storage.js';

export async function findAttachmentWithAccess(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      attachment: attachments,
      customerId: tickets.customerId,
      // The customer's organisation, for members who share its tickets (docs/customers.md).
      customerOrganisationId: sql<
        string | null
      >`(SELECT om.organisation_id FROM organisation_members om WHERE om.user_id = ${tickets.customerId})`,
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
    .select({
      id: attachments.id,
      storageKey: attachments.storageKey,
      sha256: attachments.sha256,
      sizeBytes: attachments.sizeBytes,
    })
    .from(attachments);
}

export async function storageKeysOfTicket(db: DbOrTx, ticketId: string): Promise<string[]> {
  const rows = await db
    .select({ key: attachments.storageKey })
    .from(attachments)
    .where(eq(attachments.ticketId, ticketId));
  return rows.map((r) => r.key);
}

/** Archived tickets' files (the archive table exists once maintenance:archive ran). */
export async function listArchivedStorageRows(
  db: DbOrTx,
): Promise<{ id: string; storageKey: string; sha256: string; sizeBytes: number }[]> {
  const [exists] = await queryRows<{ ok: boolean }>(
    db,
    sql`SELECT to_regclass('attachments_archive') IS NOT NULL AS ok`,
  );
  if (!exists?.ok) return [];
  return queryRows(
    db,
    sql`SELECT id::text AS id, storage_key AS "storageKey", sha256, size_bytes::float8 AS "sizeBytes" FROM attachments_archive`,
  );
}

export async function deleteAttachmentsOfTicket(db: DbOrTx, ticketId: string): Promise<void> {
  await db.delete(attachments).where(eq(attachments.ticketId, ticketId));
}

/** Moves a ticket's file rows to another ticket (a merge); message ids and times stay. */
export async function moveAttachmentsOfTicket(db: DbOrTx, fromTicketId: string, toTicketId: string): Promise<number> {
  const rows = await db
    .update(attachments)
    .set({ ticketId: toTicketId })
    .where(eq(attachments.ticketId, fromTicketId))
    .returning({ id: attachments.id });
  return rows.length;
}
