import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { departmentMembers, notifications, roles, tickets, users } from '../../db/schema/index.js';
import type { Cursor } from '../../lib/cursor.js';

export type NewNotification = typeof notifications.$inferInsert;

export async function insertNotifications(tx: DbOrTx, rows: NewNotification[]): Promise<void> {
  if (rows.length > 0) await tx.insert(notifications).values(rows);
}

export async function listForUser(
  db: DbOrTx,
  userId: string,
  opts: { unread: boolean; limit: number; cursor?: Cursor },
) {
  const after = opts.cursor
    ? or(
        lt(notifications.createdAt, new Date(opts.cursor.value)),
        and(eq(notifications.createdAt, new Date(opts.cursor.value)), lt(notifications.id, opts.cursor.id)),
      )
    : undefined;
  return (
    db
      .select({ notification: notifications, ticketNumber: tickets.number })
      .from(notifications)
      .leftJoin(tickets, eq(tickets.id, notifications.ticketId))
      .where(and(eq(notifications.userId, userId), opts.unread ? eq(notifications.isRead, false) : undefined, after))
      // The same null order as idx_notifications_user_created (drizzle builds it DESC NULLS LAST),
      // so the page is read from the index instead of sorting all of the user's notifications.
      .orderBy(sql`${notifications.createdAt} DESC NULLS LAST`, sql`${notifications.id} DESC NULLS LAST`)
      .limit(opts.limit + 1)
  );
}

/** One index-only count on the partial index idx_notifications_user_unread. */
export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.isRead, false)));
  return row?.n ?? 0;
}

/** Marks one of the user's notifications read; returns false when it is not theirs. */
export async function markRead(db: DbOrTx, userId: string, id: string): Promise<boolean> {
  const [own] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (!own) return false;
  await db
    .update(notifications)
    .set({ isRead: true, readAt: sql`now()` })
    .where(and(eq(notifications.id, id), eq(notifications.isRead, false)));
  return true;
}

export async function markAllRead(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ isRead: true, readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), eq(notifications.isRead, false)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Active agents/admins of a department (who hear about unassigned tickets). */
export async function activeDepartmentStaff(db: DbOrTx, departmentId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(departmentMembers)
    .innerJoin(users, eq(users.id, departmentMembers.userId))
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(
      and(eq(departmentMembers.departmentId, departmentId), eq(users.isActive, true), sql`${roles.name} <> 'CUSTOMER'`),
    );
  return rows.map((r) => r.id);
}

/** Active staff whose handle matches one of the @mentions (email local part, first name or full name). */
export async function staffByHandles(db: DbOrTx, handles: string[]): Promise<{ id: string }[]> {
  if (handles.length === 0) return [];
  return db
    .select({ id: users.id })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(
      and(
        eq(users.isActive, true),
        sql`${roles.name} <> 'CUSTOMER'`,
        or(
          inArray(sql`lower(split_part(${users.email}, '@', 1))`, handles),
          inArray(sql`lower(split_part(${users.name}, ' ', 1))`, handles),
          inArray(sql`lower(replace(${users.name}, ' ', ''))`, handles),
          inArray(sql`lower(replace(${users.name}, ' ', '.'))`, handles),
        ),
      ),
    );
}
