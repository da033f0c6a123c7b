import type { PresenceState } from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { GlanceExtra } from '../tickets/tickets.service.js';

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

/**
 * The others present on the ticket at `now`, with their names, as a JSON array column of the
 * ticket's glance (alias `t`): the poll reads the ticket, its newest public message and this in
 * one statement. Names are read by name in SQL, as the documented read exceptions do (decision 007).
 */
export function othersColumn(userId: string, now: Date): GlanceExtra {
  return {
    name: 'presence_others',
    column: sql`coalesce((SELECT json_agg(json_build_object('userId', p.user_id, 'name', u.name, 'state', p.state)
        ORDER BY u.name, p.user_id)
      FROM presence p JOIN users u ON u.id = p.user_id
      WHERE p.ticket_id = t.id AND p.expires_at > ${now.toISOString()}::timestamptz
        AND p.user_id <> ${userId}::uuid), '[]'::json)`,
  };
}

export interface PresentOther {
  userId: string;
  name: string;
  state: PresenceState;
}
