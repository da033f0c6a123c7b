import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import { apiTokens, departmentMembers, departments, roles, sessions, users } from '../../db/schema/index.js';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  roleId: string;
  roleName: string;
  rolePermissions: string[];
  departmentIds: string[];
  isActive: boolean;
  locale: string | null;
  lastLoginAt: Date | string | null;
  createdAt: Date | string;
}

const userColumns = sql`u.id, u.email, u.name, u.password_hash AS "passwordHash", u.role_id AS "roleId",
  r.name AS "roleName", r.permissions AS "rolePermissions", u.is_active AS "isActive",
  u.locale, u.last_login_at AS "lastLoginAt", u.created_at AS "createdAt",
  coalesce((SELECT array_agg(dm.department_id::text ORDER BY dm.department_id) FROM department_members dm
    WHERE dm.user_id = u.id), '{}') AS "departmentIds"`;

/** Users matching `where` (an SQL condition on `u` and `r`), in `order`, at most `limit`. */
export async function selectUsers(
  db: DbOrTx,
  where: ReturnType<typeof sql>,
  opts: { limit?: number; forUpdate?: boolean } = {},
): Promise<UserRow[]> {
  return queryRows<UserRow>(
    db,
    sql`SELECT ${userColumns} FROM users u JOIN roles r ON r.id = u.role_id WHERE ${where}
      ORDER BY u.name, u.id ${opts.limit ? sql`LIMIT ${opts.limit}` : sql``} ${opts.forUpdate ? sql`FOR UPDATE OF u` : sql``}`,
  );
}

export async function findUserById(db: DbOrTx, id: string, forUpdate = false): Promise<UserRow | undefined> {
  return (await selectUsers(db, sql`u.id = ${id}`, { forUpdate }))[0];
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  return (await selectUsers(db, sql`lower(u.email) = lower(${email})`))[0];
}

export async function insertUser(
  db: DbOrTx,
  values: { email: string; name: string; passwordHash: string | null; roleId: string },
): Promise<string> {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  if (!row) throw new Error('user not inserted');
  return row.id;
}

export async function updateUserRow(
  db: DbOrTx,
  id: string,
  values: Partial<{
    email: string;
    name: string;
    passwordHash: string;
    roleId: string;
    isActive: boolean;
    locale: string | null;
  }>,
): Promise<void> {
  await db
    .update(users)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(users.id, id));
}

export async function setLastLogin(db: DbOrTx, id: string): Promise<void> {
  await db.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, id));
}

/** Replaces the user's department memberships (and marks the departments changed for caches). */
export async function setUserDepartments(db: DbOrTx, userId: string, departmentIds: string[]): Promise<void> {
  const ids = [...new Set(departmentIds)];
  await db.execute(sql`UPDATE departments SET updated_at = clock_timestamp()
    WHERE id IN (SELECT department_id FROM department_members WHERE user_id = ${userId})`);
  await db.delete(departmentMembers).where(eq(departmentMembers.userId, userId));
  if (ids.length) {
    await db.insert(departmentMembers).values(ids.map((departmentId) => ({ departmentId, userId })));
    await db.update(departments).set({ updatedAt: sql`clock_timestamp()` }).where(inArray(departments.id, ids));
  }
}

export async function countExistingDepartments(db: DbOrTx, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const rows = await db.select({ id: departments.id }).from(departments).where(inArray(departments.id, ids));
  return rows.length;
}

export async function findRole(db: DbOrTx, id: string) {
  const [row] = await db.select().from(roles).where(eq(roles.id, id));
  return row;
}

export async function findRoleByName(db: DbOrTx, name: string) {
  const [row] = await db.select().from(roles).where(eq(roles.name, name));
  return row;
}

/** Ends every live session of the user (except `exceptSessionId`); returns how many. */
export async function revokeSessions(db: DbOrTx, userId: string, exceptSessionId?: string): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (exceptSessionId) conditions.push(sql`${sessions.id} <> ${exceptSessionId}`);
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function revokeApiTokens(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

/** Active users holding SUPER_ADMIN, locked for the rest of the transaction. */
export async function countActiveSuperAdmins(db: DbOrTx): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM users u JOIN roles r ON r.id = u.role_id
      WHERE r.name = 'SUPER_ADMIN' AND u.is_active`,
  );
  return rows[0]?.n ?? 0;
}

/** Serialises every change that could remove the last active SUPER_ADMIN (or create the first). */
export async function lockSuperAdmins(db: DbOrTx): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(40101)`);
}
