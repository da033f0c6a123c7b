import type { PresenceState } from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';

/**
 * Records a heartbeat: the user is on the ticket in this state until `expiresAt`. The same
 * statement drops the user's expired rows (pages closed without a goodbye), so nothing piles up.
 */
export async function upsert(
  db: DbOrTx,
  ticketId: string,
  userId: string,
  state: PresenceState,
  now: Date,
  expiresAt: Date,
) {
  await db.execute(sql`WITH gone AS (
      DELETE FROM presence WHERE user_id = ${userId}::uuid AND expires_at <= ${now.toISOString()}::timestamptz
        AND ticket_id <> ${ticketId}::uuid
    )
    INSERT INTO presence (ticket_id, user_id, state, expires_at)
    VALUES (${ticketId}::uuid, ${userId}::uuid, ${state}, ${expiresAt.toISOString()}::timestamptz)
    ON CONFLICT (ticket_id, user_id) DO UPDATE SET state = EXCLUDED.state, expires_at = EXCLUDED.expires_at`);
}

/** Removes the user from the ticket at once (the page was left). */
export async function remove(db: DbOrTx, ticketId: string, userId: string) {
  await db.execute(sql`DELETE FROM presence WHERE ticket_id = ${ticketId}::uuid AND user_id = ${userId}::uuid`);
}

/** The others present on the ticket at `now`, with their names: one query on the primary key. */
export function others(db: DbOrTx, ticketId: string, userId: string, now: Date) {
  // Names are read by name in SQL, as the documented read exceptions do (decision 007).
  return queryRows<{ userId: string; name: string; state: PresenceState }>(
    db,
    sql`SELECT p.user_id AS "userId", u.name, p.state
      FROM presence p JOIN users u ON u.id = p.user_id
      WHERE p.ticket_id = ${ticketId}::uuid AND p.expires_at > ${now.toISOString()}::timestamptz
        AND p.user_id <> ${userId}::uuid
      ORDER BY u.name, p.user_id`,
    { prepared: 'presence_others' },
  );
}
