import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { wakeEventWorkers } from '../../db/change-feed.js';
import { type DbOrTx, queryRows } from '../../db/client.js';
import { iso } from '../../lib/timestamps.js';

export interface OutboxInput {
  kind: string;
  toAddress: string;
  userId: string | null;
  ticketId?: string | null;
  subject: string;
  textBody: string;
  htmlBody: string;
  headers?: Record<string, string>;
}

export interface OutboxRow {
  id: string;
  messageId: string;
  kind: string;
  toAddress: string;
  userId: string | null;
  ticketId: string | null;
  subject: string;
  textBody: string;
  htmlBody: string;
  headers: Record<string, string>;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  // Timestamps as the driver gives raw SQL's columns (text or Date): iso() reads either.
  nextAttemptAt: Date | string;
  lastError: string | null;
  sentAt: Date | string | null;
  createdAt: Date | string;
}

const columns = sql`id, message_id AS "messageId", kind, to_address AS "toAddress", user_id AS "userId",
  ticket_id AS "ticketId", subject, text_body AS "textBody", html_body AS "htmlBody", headers, state, attempts,
  next_attempt_at AS "nextAttemptAt", last_error AS "lastError", sent_at AS "sentAt", created_at AS "createdAt"`;

/** Queues mail in the caller's transaction with a Message-ID fixed now; wakes the sender at commit. */
export async function insertOutbox(tx: DbOrTx, rows: readonly OutboxInput[], domain: string): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(
      (
        r,
      ) => sql`(${`<${randomUUID()}@${domain}>`}, ${r.kind}, ${r.toAddress}, ${r.userId}::uuid, ${r.ticketId ?? null}::uuid,
        ${r.subject}, ${r.textBody}, ${r.htmlBody}, ${JSON.stringify(r.headers ?? {})}::jsonb)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`INSERT INTO mail_outbox (message_id, kind, to_address, user_id, ticket_id, subject, text_body,
    html_body, headers) VALUES ${values}`);
  await tx.execute(wakeEventWorkers());
}

/** The next due message, locked until commit: another sender skips it (one sender per message). */
export async function claimDue(tx: DbOrTx, now: Date): Promise<OutboxRow | undefined> {
  const [row] = await queryRows<OutboxRow>(
    tx,
    // A new message (no attempt yet) is due at once; a retried one when its backoff has passed.
    sql`SELECT ${columns} FROM mail_outbox
        WHERE state = 'pending' AND (attempts = 0 OR next_attempt_at <= ${iso(now)})
        ORDER BY attempts > 0, next_attempt_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
  );
  return row;
}

export async function markSent(tx: DbOrTx, id: string, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE mail_outbox SET state = 'sent', sent_at = ${iso(now)}, attempts = attempts + 1,
    last_error = NULL WHERE id = ${id}`);
}

export async function markAttemptFailed(
  tx: DbOrTx,
  id: string,
  f: { error: string; nextAttemptAt: Date; permanent: boolean },
): Promise<void> {
  await tx.execute(sql`UPDATE mail_outbox SET attempts = attempts + 1, last_error = ${f.error},
    next_attempt_at = ${iso(f.nextAttemptAt)}, state = ${f.permanent ? 'failed' : 'pending'} WHERE id = ${id}`);
}

/** Failed (and still retrying) messages, newest first, for the admin page. */
export async function listProblems(db: DbOrTx, limit: number): Promise<OutboxRow[]> {
  return queryRows<OutboxRow>(
    db,
    sql`SELECT ${columns} FROM mail_outbox WHERE state = 'failed' OR (state = 'pending' AND attempts > 0)
        ORDER BY created_at DESC, id DESC LIMIT ${limit}`,
  );
}

/** A failed message goes back to the queue, due now; false when there is no such failed message. */
export async function requeue(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE mail_outbox SET state = 'pending', next_attempt_at = now()
        WHERE id = ${id}::uuid AND state <> 'sent' RETURNING id`,
  );
  if (rows.length > 0) await db.execute(wakeEventWorkers());
  return rows.length > 0;
}

export async function countByState(db: DbOrTx): Promise<{ state: string; n: number }[]> {
  return queryRows(db, sql`SELECT state, count(*)::int AS n FROM mail_outbox GROUP BY state`);
}

export async function findOff(db: DbOrTx, userId: string): Promise<string[]> {
  const [row] = await queryRows<{ off: string[] }>(db, sql`SELECT off FROM mail_preferences WHERE user_id = ${userId}`);
  return row?.off ?? [];
}

export async function saveOff(db: DbOrTx, userId: string, off: readonly string[]): Promise<void> {
  const list = sql`ARRAY[${sql.join(
    off.map((k) => sql`${k}`),
    sql`, `,
  )}]::text[]`;
  await db.execute(sql`INSERT INTO mail_preferences (user_id, off) VALUES (${userId}, ${off.length ? list : sql`'{}'::text[]`})
    ON CONFLICT (user_id) DO UPDATE SET off = excluded.off, updated_at = now()`);
}
