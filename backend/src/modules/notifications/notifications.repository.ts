import { and, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
// biome-ignore lint/style/noRestrictedImports: read-only join for the ticket number of a list (docs/decisions/007-module-rules.md)
import { notifications, tickets } from '../../db/schema/index.js';
import { type WriteBatch, write } from '../../db/write-batch.js';

export type NewNotification = typeof notifications.$inferInsert;

/** A title may be SQL: it quotes the number of a ticket filed in the same statement. */
export async function insertNotifications(
  tx: DbOrTx,
  rows: (Omit<NewNotification, 'title'> & { title: string | SQL })[],
  batch?: WriteBatch,
): Promise<void> {
  if (rows.length > 0) await write(tx, tx.insert(notifications).values(rows), batch);
}

/** A keyset position: the page starts after this notification. */
export interface AfterRow {
  /** The row's created_at as PostgreSQL prints it: microseconds kept (a Date has milliseconds only). */
  createdAt: string;
  id: string;
}

export interface ListFilter {
  unread: boolean;
  type?: string;
  ticketNumber?: number;
  limit: number;
  after?: AfterRow;
}

export async function listForUser(db: DbOrTx, scope: SQL, opts: ListFilter) {
  let after: SQL | undefined;
  if (opts.after) {
    const at = sql`${opts.after.createdAt}::timestamptz`;
    after = or(
      lt(notifications.createdAt, at),
      and(eq(notifications.createdAt, at), lt(notifications.id, opts.after.id)),
    );
  }
  return (
    db
      .select({
        notification: notifications,
        ticketNumber: tickets.number,
        // The keyset position in full precision: rows of the same millisecond are never skipped.
        cursorAt: sql<string>`${notifications.createdAt}::text`,
      })
      .from(notifications)
      .leftJoin(tickets, eq(tickets.id, notifications.ticketId))
      .where(
        and(
          scope,
          opts.unread ? eq(notifications.isRead, false) : undefined,
          opts.type ? eq(notifications.type, opts.type) : undefined,
          opts.ticketNumber ? eq(tickets.number, opts.ticketNumber) : undefined,
          after,
        ),
      )
      // The same null order as idx_notifications_user_created (drizzle builds it DESC NULLS LAST),
      // so the page is read from the index instead of sorting all of the user's notifications.
      .orderBy(sql`${notifications.createdAt} DESC NULLS LAST`, sql`${notifications.id} DESC NULLS LAST`)
      .limit(opts.limit + 1)
  );
}

/** One index-only count on the partial index idx_notifications_user_unread_ticket. */
export async function countUnread(db: DbOrTx, scope: SQL): Promise<number> {
  // Polled by every open page: a prepared statement, with is_read as a literal so that its plan
  // keeps the partial index of unread rows.
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM ${notifications} WHERE ${scope} AND ${notifications.isRead} = false`,
    { prepared: 'notifications_unread' },
  );
  return row?.n ?? 0;
}

/** Marks one notification in scope (the user's own) read; returns false when it is not theirs. */
export async function markRead(db: DbOrTx, scope: SQL, id: string): Promise<boolean> {
  const [own] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, id), scope));
  if (!own) return false;
  await db
    .update(notifications)
    .set({ isRead: true, readAt: sql`now()` })
    .where(and(eq(notifications.id, id), eq(notifications.isRead, false)));
  return true;
}

/** Over the ticket `t` of the caller's statement: the user has unread notifications of it. */
export const unreadOfTicketSql = (userId: string) =>
  sql`EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = ${userId}::uuid AND n.is_read = false AND n.ticket_id = t.id)`;

/** Marks the unread notifications in scope read (all of them, or those of one ticket). */
export async function markAllRead(db: DbOrTx, scope: SQL, ticketId?: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ isRead: true, readAt: sql`now()` })
    .where(and(scope, eq(notifications.isRead, false), ticketId ? eq(notifications.ticketId, ticketId) : undefined))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Who may be notified of a ticket event: some users, a department's members, or @mention handles. */
export type RecipientCandidates =
  | { ids: string[] }
  | { departmentId: string; newTicketsOptIn?: boolean }
  | { handles: string[] };

/** An active candidate with what the access policy looks at: role, permissions and departments. */
export interface RecipientRow {
  id: string;
  roleName: string;
  permissions: string[];
  departmentIds: string[];
}

/** Active users with what the access policy looks at (RecipientRow), to be narrowed with AND. */
const activeRecipients = sql`SELECT u.id, r.name AS "roleName", r.permissions,
    coalesce((SELECT array_agg(dm.department_id::text) FROM department_members dm WHERE dm.user_id = u.id), '{}')
      AS "departmentIds"
  FROM users u JOIN roles r ON r.id = u.role_id
  WHERE u.is_active`;

/**
 * One user as a recipient, as a json column (null when inactive or missing), for a read that is
 * made anyway: a reply's locked read of its ticket brings the customer it will notify.
 */
export const recipientJson = (userId: SQL) =>
  sql`(SELECT to_json(rc) FROM (${activeRecipients} AND u.id = ${userId}) rc)`;

const list = (values: string[], type: 'uuid' | 'text') =>
  sql.join(
    values.map((v) => sql`${v}::${sql.raw(type)}`),
    sql`, `,
  );

function candidatesWhere(c: RecipientCandidates): SQL {
  if ('ids' in c) return sql`u.id IN (${list(c.ids, 'uuid')})`;
  if ('departmentId' in c) {
    const members = sql`u.id IN (SELECT dm.user_id FROM department_members dm WHERE dm.department_id = ${c.departmentId}::uuid)`;
    return c.newTicketsOptIn ? sql`${members} AND u.notify_new_unassigned` : members;
  }
  // A handle is the e-mail's local part, the first name, or the full name without spaces or with dots.
  const handles = list(c.handles, 'text');
  return sql`(lower(split_part(u.email, '@', 1)) IN (${handles})
    OR lower(split_part(u.name, ' ', 1)) IN (${handles})
    OR lower(replace(u.name, ' ', '')) IN (${handles})
    OR lower(replace(u.name, ' ', '.')) IN (${handles}))`;
}

/**
 * The active users among the candidates, in one query; the caller decides with the ticket policy
 * which of them may read what the notification carries.
 */
export async function findRecipients(db: DbOrTx, candidates: RecipientCandidates): Promise<RecipientRow[]> {
  if ('ids' in candidates && candidates.ids.length === 0) return [];
  if ('handles' in candidates && candidates.handles.length === 0) return [];
  return queryRows<RecipientRow>(
    db,
    sql`${activeRecipients} AND ${candidatesWhere(candidates)}`,
    // Handle lists vary in length (and so in SQL text); ids and departments are the hot path of replies.
    'handles' in candidates
      ? {}
      : { prepared: 'newTicketsOptIn' in candidates ? 'notify_new_ticket_recipients' : 'notify_recipients' },
  );
}

/** Departments (ids) with an active member who opted in to new unassigned ticket notifications. */
export async function departmentsWithNewTicketOptIns(db: DbOrTx): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT DISTINCT dm.department_id::text AS id FROM department_members dm JOIN users u ON u.id = dm.user_id
    WHERE u.is_active AND u.notify_new_unassigned`,
  );
  return rows.map((r) => r.id);
}

export async function deleteForTicket(db: DbOrTx, ticketId: string): Promise<void> {
  await db.delete(notifications).where(eq(notifications.ticketId, ticketId));
}

/** A staff member who may be offered for an @mention, with what the access policy looks at. */
export interface MentionCandidate extends RecipientRow {
  name: string;
  email: string;
}

/**
 * Active staff matching `q` (name or e-mail) who belong to the ticket's department or see every
 * department, first 25 by name; the caller filters them with the ticket policy.
 */
export async function findMentionCandidates(db: DbOrTx, departmentId: string, q: string): Promise<MentionCandidate[]> {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return queryRows<MentionCandidate>(
    db,
    sql`SELECT u.id, u.name, u.email, r.name AS "roleName", r.permissions,
      coalesce((SELECT array_agg(dm.department_id::text) FROM department_members dm WHERE dm.user_id = u.id), '{}')
        AS "departmentIds"
    FROM users u JOIN roles r ON r.id = u.role_id
    WHERE u.is_active AND r.name <> 'CUSTOMER'
      AND (r.name = 'SUPER_ADMIN' OR r.permissions ? 'tickets.view_all'
        OR u.id IN (SELECT dm.user_id FROM department_members dm WHERE dm.department_id = ${departmentId}::uuid))
      AND (u.name ILIKE ${like} OR u.email ILIKE ${like})
    ORDER BY u.name, u.id LIMIT 25`,
  );
}
