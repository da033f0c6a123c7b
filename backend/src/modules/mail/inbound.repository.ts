import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';

/**
 * Claims a Message-ID for import; false when it was claimed before (never imported twice). Commits
 * on its own: a second process that sees the same message waits for this row, then skips it.
 */
export async function claimMessageId(
  db: DbOrTx,
  input: { messageId: string; fromAddress: string; subject: string },
): Promise<string | undefined> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO mail_inbound (message_id, from_address, subject)
      VALUES (${input.messageId}, ${input.fromAddress}, ${input.subject})
      ON CONFLICT (message_id) DO NOTHING RETURNING id`,
  );
  return rows[0]?.id;
}

export async function settleInbound(
  db: DbOrTx,
  id: string,
  input: { outcome: string; reason?: string; ticketId?: string; ticketMessageId?: string; raw?: string },
): Promise<void> {
  await db.execute(sql`UPDATE mail_inbound SET outcome = ${input.outcome}, reason = ${input.reason ?? null},
    ticket_id = ${input.ticketId ?? null}::uuid, ticket_message_id = ${input.ticketMessageId ?? null}::uuid,
    raw = ${input.raw ?? null} WHERE id = ${id}::uuid`);
}

/** An import that failed part-way: its claim is given up, so the next fetch or pipe tries again. */
export async function releaseClaim(db: DbOrTx, id: string): Promise<void> {
  await db.execute(sql`DELETE FROM mail_inbound WHERE id = ${id}::uuid AND outcome = 'processing'`);
}

/** The ticket a Message-ID of ours (sent from the outbox) or one we received belongs to. */
export async function ticketOfMessageIds(db: DbOrTx, messageIds: readonly string[]): Promise<string | undefined> {
  if (messageIds.length === 0) return undefined;
  const list = sql.join(
    messageIds.map((m) => sql`${m}`),
    sql`, `,
  );
  const rows = await queryRows<{ ticketId: string }>(
    db,
    sql`SELECT ticket_id AS "ticketId" FROM (
        SELECT ticket_id, created_at FROM mail_outbox WHERE message_id IN (${list}) AND ticket_id IS NOT NULL
        UNION ALL
        SELECT ticket_id, created_at FROM mail_inbound WHERE message_id IN (${list}) AND ticket_id IS NOT NULL
      ) t ORDER BY created_at DESC LIMIT 1`,
  );
  return rows[0]?.ticketId;
}

export interface InboundRow {
  id: string;
  ticketId: string | null;
  ticketMessageId: string | null;
  fromAddress: string;
  subject: string;
  outcome: string;
  createdAt: Date | string;
}

/** The imported messages of a ticket (without their raw text). */
export const inboundOfTicket = (db: DbOrTx, ticketId: string) =>
  queryRows<InboundRow>(
    db,
    sql`SELECT id, ticket_id AS "ticketId", ticket_message_id AS "ticketMessageId", from_address AS "fromAddress",
      subject, outcome, created_at AS "createdAt" FROM mail_inbound
      WHERE ticket_id = ${ticketId}::uuid AND raw IS NOT NULL ORDER BY created_at`,
  );

export async function findRaw(db: DbOrTx, id: string): Promise<{ ticketId: string | null; raw: string } | undefined> {
  const rows = await queryRows<{ ticketId: string | null; raw: string }>(
    db,
    sql`SELECT ticket_id AS "ticketId", raw FROM mail_inbound WHERE id = ${id}::uuid AND raw IS NOT NULL`,
  );
  return rows[0];
}
