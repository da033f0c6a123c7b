import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import { ticketFollowers } from '../../db/schema/index.js';
import { type WriteBatch, write } from '../../db/write-batch.js';

/** Adds followers; those already following stay as they were. */
export async function add(db: DbOrTx, ticketId: string, userIds: readonly string[], batch?: WriteBatch): Promise<void> {
  if (userIds.length === 0) return;
  const rows = [...new Set(userIds)].map((userId) => ({ ticketId, userId }));
  await write(db, db.insert(ticketFollowers).values(rows).onConflictDoNothing(), batch);
}

export async function remove(db: DbOrTx, ticketId: string, userId: string): Promise<void> {
  await db
    .delete(ticketFollowers)
    .where(and(eq(ticketFollowers.ticketId, ticketId), eq(ticketFollowers.userId, userId)));
}

/**
 * The ticket's active followers with their names, oldest first. Reads users by name in SQL (a
 * read-only join, as presence does; docs/decisions/007-module-rules.md).
 */
export function list(db: DbOrTx, ticketId: string): Promise<{ id: string; name: string }[]> {
  return queryRows<{ id: string; name: string }>(
    db,
    sql`SELECT u.id, u.name FROM ticket_followers f JOIN users u ON u.id = f.user_id
      WHERE f.ticket_id = ${ticketId}::uuid AND u.is_active
      ORDER BY f.created_at, u.id`,
    { prepared: 'ticket_followers_list' },
  );
}

/** Every follower of `fromId` follows `toId` too (a merge). */
export async function copy(db: DbOrTx, fromId: string, toId: string): Promise<void> {
  await db.execute(sql`INSERT INTO ticket_followers (ticket_id, user_id, created_at)
    SELECT ${toId}::uuid, user_id, created_at FROM ticket_followers WHERE ticket_id = ${fromId}::uuid
    ON CONFLICT DO NOTHING`);
}
