import { eq, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import { users } from '../../db/schema/index.js';

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
  notifyNewUnassigned: boolean;
  lastLoginAt: Date | string | null;
  createdAt: Date | string;
}

const userColumns = sql`u.id, u.email, u.name, u.password_hash AS "passwordHash", u.role_id AS "roleId",
  r.name AS "roleName", r.permissions AS "rolePermissions", u.is_active AS "isActive",
  u.locale, u.notify_new_unassigned AS "notifyNewUnassigned", u.last_login_at AS "lastLoginAt", u.created_at AS "createdAt",
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
    notifyNewUnassigned: boolean;
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

export interface UserBrief {
  id: string;
  name: string;
  roleName: string;
  isActive: boolean;
}

export async function findUserBrief(db: DbOrTx, id: string): Promise<UserBrief | undefined> {
  const rows = await queryRows<UserBrief>(
    db,
    sql`SELECT u.id, u.name, r.name AS "roleName", u.is_active AS "isActive"
    FROM users u JOIN roles r ON r.id = u.role_id WHERE u.id = ${id}::uuid`,
  );
  return rows[0];
}

/** How many of the ids are users whose role is not CUSTOMER. */
export async function countStaffUsers(db: DbOrTx, ids: string[]): Promise<number> {
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`${inArray(users.id, ids)} AND ${users.roleId} NOT IN (SELECT id FROM roles WHERE name = 'CUSTOMER')`);
  return found.length;
}
