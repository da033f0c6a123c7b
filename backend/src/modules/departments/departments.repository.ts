import { inArray, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import { departmentMembers, departments } from '../../db/schema/index.js';

export interface DepartmentRow {
  id: string;
  name: string;
  isActive: boolean;
  autoAssign: boolean;
  lastAssignedUserId: string | null;
  replyStatusId: string | null;
}

export async function findDepartment(
  db: DbOrTx,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<DepartmentRow | undefined> {
  const rows = await queryRows<DepartmentRow>(
    db,
    sql`SELECT id, name, is_active AS "isActive", auto_assign AS "autoAssign",
      last_assigned_user_id AS "lastAssignedUserId", reply_status_id AS "replyStatusId"
    FROM departments WHERE id = ${id}::uuid ${opts.forUpdate ? sql`FOR UPDATE` : sql``}`,
  );
  return rows[0];
}

/**
 * Active members of the department who may open its tickets: by their role's permissions, as
 * canViewTicket judges a member (not by a role's name, so a custom customer-like role is never
 * handed a ticket it cannot open).
 */
const eligibleAgents = (departmentId: string) => sql`
  SELECT u.id, u.name FROM department_members dm
    JOIN users u ON u.id = dm.user_id JOIN roles r ON r.id = u.role_id
  WHERE dm.department_id = ${departmentId}::uuid AND u.is_active AND r.name <> 'CUSTOMER'
    AND (r.name = 'SUPER_ADMIN' OR r.permissions ? 'tickets.view_department' OR r.permissions ? 'tickets.view_all')`;

/** The user if they may be assigned tickets of the department. */
export async function findEligibleAgent(
  db: DbOrTx,
  userId: string,
  departmentId: string,
): Promise<{ id: string; name: string } | undefined> {
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`SELECT e.id, e.name FROM (${eligibleAgents(departmentId)}) e WHERE e.id = ${userId}::uuid`,
  );
  return rows[0];
}

/** The next eligible agent after `lastUserId` (by user id), wrapping around. */
export async function nextRoundRobinAgent(
  db: DbOrTx,
  departmentId: string,
  lastUserId: string | null,
): Promise<{ id: string; name: string } | undefined> {
  const after = lastUserId ? sql`e.id > ${lastUserId}::uuid` : sql`e.id IS NULL`;
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`SELECT e.id, e.name FROM (${eligibleAgents(departmentId)}) e ORDER BY (${after}) DESC, e.id LIMIT 1`,
  );
  return rows[0];
}

export async function setRoundRobinPosition(db: DbOrTx, departmentId: string, userId: string): Promise<void> {
  await db.execute(
    sql`UPDATE departments SET last_assigned_user_id = ${userId}::uuid WHERE id = ${departmentId}::uuid`,
  );
}

/** Replaces the user's department memberships (and marks the departments changed for caches). */
export async function replaceUserMemberships(db: DbOrTx, userId: string, departmentIds: string[]): Promise<void> {
  const ids = [...new Set(departmentIds)];
  await db.execute(sql`UPDATE departments SET updated_at = clock_timestamp()
    WHERE id IN (SELECT department_id FROM department_members WHERE user_id = ${userId})`);
  await db.delete(departmentMembers).where(sql`${departmentMembers.userId} = ${userId}`);
  if (ids.length) {
    await db.insert(departmentMembers).values(ids.map((departmentId) => ({ departmentId, userId })));
    await db.update(departments).set({ updatedAt: sql`clock_timestamp()` }).where(inArray(departments.id, ids));
  }
}

export async function countDepartments(db: DbOrTx, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const rows = await db.select({ id: departments.id }).from(departments).where(inArray(departments.id, ids));
  return rows.length;
}
