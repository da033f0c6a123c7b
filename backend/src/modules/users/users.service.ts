import {
  type CreateUserBody,
  type ListUsersQuery,
  localeSchema,
  type ResetLink,
  type UpdateUserBody,
  type User,
} from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { AppError, forbidden, notFound, ruleViolation, validationError } from '../../lib/app-error.js';
import { cursorKey, decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { containsPattern } from '../../lib/like-pattern.js';
import { assertStrongPassword } from '../../lib/password-strength.js';
import { hashPassword } from '../../lib/passwords.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../lib/pg-errors.js';
import { iso, isoOrNull } from '../../lib/timestamps.js';
import { recordAudit } from '../audit/audit.service.js';
import { type Actor, requirePermission } from '../auth/actor.js';
import { findRecipient, issueResetToken, revokeApiTokens, revokeSessions } from '../auth/credentials.service.js';
import { countDepartments, invalidateDepartmentCache, setUserMemberships } from '../departments/departments.service.js';
import { queueAccountMail } from '../mail/mail-queue.service.js';
import { joinOrganisationByDomain } from '../organisations/membership.service.js';
import { findRole, findRoleByName } from '../roles/roles.service.js';
import { canHandleRole, canSeeUser, effectivePermissions } from './users.policy.js';
import * as repo from './users.repository.js';

export { userNames } from './user-names.cache.js';

export type { UserRow } from './users.repository.js';

/** Reset links are valid this long. */

/** The user as the API shows it; never the hash. */
export function presentUser(row: repo.UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: { id: row.roleId, name: row.roleName },
    permissions: effectivePermissions(row.roleName, row.rolePermissions),
    departmentIds: row.departmentIds,
    isActive: row.isActive,
    // A language the client no longer has reads as none chosen.
    locale: localeSchema.safeParse(row.locale).data ?? null,
    notifyNewUnassigned: row.notifyNewUnassigned,
    lastLoginAt: isoOrNull(row.lastLoginAt),
    createdAt: iso(row.createdAt),
  };
}

/** Audit snapshot of a user: what an admin can change. */
function snapshot(row: repo.UserRow) {
  return {
    email: row.email,
    name: row.name,
    role: row.roleName,
    departmentIds: row.departmentIds,
    isActive: row.isActive,
  };
}

export const emailTaken = () =>
  new AppError('EMAIL_TAKEN', 409, 'A user with this email already exists', [
    { path: 'body.email', message: 'Already in use' },
  ]);

export async function getUserRow(db: DbOrTx, id: string): Promise<repo.UserRow> {
  const row = await repo.findUserById(db, id);
  if (!row) throw notFound('User');
  return row;
}

export const findUserByEmail = repo.findUserByEmail;
export const findUserById = repo.findUserById;
export const setLastLogin = repo.setLastLogin;
export const countActiveSuperAdmins = repo.countActiveSuperAdmins;
export const lockSuperAdmins = repo.lockSuperAdmins;
export const updateUserRow = repo.updateUserRow;

/**
 * Inserts a user (no access checks: setup, self-signup and the CLI call this after their own).
 * A password that is too easy to guess is a 400; a duplicate email is a 409.
 */
export async function insertUserRecord(
  tx: DbOrTx,
  input: { email: string; name: string; password?: string; roleId: string; departmentIds?: string[] },
): Promise<repo.UserRow> {
  if (input.password) await assertStrongPassword(input.password, input, 'body.password');
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  if (await repo.findUserByEmail(tx, input.email)) throw emailTaken();
  let id: string;
  try {
    id = await repo.insertUser(tx, { email: input.email, name: input.name, passwordHash, roleId: input.roleId });
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) throw emailTaken();
    throw err;
  }
  if (input.departmentIds?.length) await setUserMemberships(tx, id, input.departmentIds);
  const row = await getUserRow(tx, id);
  await joinOrganisationByDomain(tx, row);
  return row;
}

/**
 * A customer account, the one way both self-signup (with a password) and an unknown sender of mail
 * (self-signup on, docs/email.md; no password: "Forgot password?" gives them one) get one.
 */
export async function insertCustomer(
  tx: DbOrTx,
  input: { email: string; name: string; password?: string },
  via?: 'mail',
): Promise<repo.UserRow> {
  const role = await findRoleByName(tx, 'CUSTOMER');
  if (!role) throw new Error('CUSTOMER role missing');
  const row = await insertUserRecord(tx, { ...input, roleId: role.id });
  await recordAudit(tx, row.id, {
    action: 'user.registered',
    entityType: 'user',
    entityId: row.id,
    after: { email: row.email, name: row.name, role: row.roleName, ...(via ? { via } : {}) },
  });
  return row;
}

/** `GET /api/users`: users.view; keyset pages by name. */
async function listUsers(
  db: DbOrTx,
  actor: Actor,
  query: ListUsersQuery,
): Promise<{ items: User[]; nextCursor: string | null }> {
  requirePermission(actor, 'users.view');
  const conditions = [sql`true`];
  if (query.role) {
    conditions.push(
      /^[0-9a-f-]{36}$/i.test(query.role) ? sql`u.role_id = ${query.role}::uuid` : sql`r.name = ${query.role}`,
    );
  }
  if (query.active !== undefined) conditions.push(sql`u.is_active = ${query.active}`);
  if (query.departmentId) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM department_members dm WHERE dm.user_id = u.id AND dm.department_id = ${query.departmentId})`,
    );
  }
  if (query.q) {
    const like = containsPattern(query.q);
    conditions.push(sql`(u.name ILIKE ${like} OR u.email ILIKE ${like})`);
  }
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor, [cursorKey.text, cursorKey.uuid]);
    conditions.push(sql`(u.name, u.id) > (${name}, ${id}::uuid)`);
  }
  const rows = await repo.selectUsers(db, sql.join(conditions, sql` AND `), { limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentUser),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

/** `GET /api/users/:id`: users.view, or yourself. */
async function getUser(db: DbOrTx, a: Actor, id: string): Promise<User> {
  if (!canSeeUser(a, { id })) throw notFound('User');
  return presentUser(await getUserRow(db, id));
}

async function checkDepartments(tx: DbOrTx, ids: string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const unique = [...new Set(ids)];
  if ((await countDepartments(tx, unique)) !== unique.length) {
    throw validationError('Unknown department', [{ path: 'body.departmentIds', message: 'Unknown department id' }]);
  }
}

async function assignableRole(tx: DbOrTx, actor: Actor, roleId: string) {
  const role = await findRole(tx, roleId);
  if (!role) throw validationError('Unknown role', [{ path: 'body.roleId', message: 'Unknown role id' }]);
  if (!canHandleRole(actor, role)) throw forbidden('You cannot give this role');
  return role;
}

/** `POST /api/users`: users.manage; only roles the actor may hand out. */
async function createUser(database: Database, a: Actor, body: CreateUserBody): Promise<User> {
  requirePermission(a, 'users.manage');
  const row = await database.db.transaction(async (tx) => {
    await assignableRole(tx, a, body.roleId);
    await checkDepartments(tx, body.departmentIds);
    const created = await insertUserRecord(tx, body);
    await recordAudit(tx, a.id, {
      action: 'user.created',
      entityType: 'user',
      entityId: created.id,
      after: snapshot(created),
    });
    return created;
  });
  if (body.departmentIds?.length) await invalidateDepartmentCache(database);
  return presentUser(row);
}

/**
 * `PATCH /api/users/:id` (and deactivate/reactivate): users.manage. Nobody manages a user whose
 * role they could not give; the last active SUPER_ADMIN stays one and stays active; a change of
 * role or deactivation ends the user's sessions.
 */
async function updateUser(database: Database, a: Actor, id: string, body: UpdateUserBody): Promise<User> {
  requirePermission(a, 'users.manage');
  const row = await database.db.transaction(async (tx) => {
    await repo.lockSuperAdmins(tx);
    const before = await repo.findUserById(tx, id, true);
    if (!before) throw notFound('User');
    if (!canHandleRole(a, { name: before.roleName, permissions: before.rolePermissions })) {
      throw forbidden('You cannot change this user');
    }
    const roleChanges = body.roleId !== undefined && body.roleId !== before.roleId;
    const deactivates = body.isActive === false && before.isActive;
    if (roleChanges) await assignableRole(tx, a, body.roleId as string);
    if (a.id === id && (roleChanges || deactivates)) {
      throw ruleViolation('You cannot change your own role or deactivate yourself');
    }
    if (before.roleName === 'SUPER_ADMIN' && before.isActive && (roleChanges || deactivates)) {
      if ((await repo.countActiveSuperAdmins(tx)) <= 1) {
        throw new AppError('LAST_SUPER_ADMIN', 422, 'The last active SUPER_ADMIN cannot be demoted or deactivated');
      }
    }
    await checkDepartments(tx, body.departmentIds);
    if (body.email !== undefined && body.email !== before.email) {
      const other = await repo.findUserByEmail(tx, body.email);
      if (other && other.id !== id) throw emailTaken();
    }
    try {
      await repo.updateUserRow(tx, id, {
        email: body.email,
        name: body.name,
        roleId: body.roleId,
        isActive: body.isActive,
      });
    } catch (err) {
      if (pgErrorCode(err) === UNIQUE_VIOLATION) throw emailTaken();
      throw err;
    }
    if (body.departmentIds) await setUserMemberships(tx, id, body.departmentIds);
    if (roleChanges || deactivates) await revokeSessions(tx, id);
    if (deactivates) await revokeApiTokens(tx, id);
    const after = await getUserRow(tx, id);
    const action =
      body.isActive === false && Object.keys(body).length === 1
        ? 'user.deactivated'
        : body.isActive === true && Object.keys(body).length === 1
          ? 'user.reactivated'
          : 'user.updated';
    await recordAudit(tx, a.id, {
      action,
      entityType: 'user',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  });
  if (body.departmentIds) await invalidateDepartmentCache(database);
  return presentUser(row);
}

/** `POST /api/users/:id/reset-link`: a one-time, expiring link; only its hash is stored. */
async function createResetLink(
  { database, config }: Pick<AppDeps, 'database' | 'config'>,
  a: Actor,
  id: string,
): Promise<ResetLink> {
  requirePermission(a, 'users.manage');
  return database.db.transaction(async (tx) => {
    const target = await repo.findUserById(tx, id);
    if (!target) throw notFound('User');
    if (!canHandleRole(a, { name: target.roleName, permissions: target.rolePermissions })) {
      throw forbidden('You cannot change this user');
    }
    const link = await issueResetToken(tx, id, a.id);
    await recordAudit(tx, a.id, { action: 'user.reset_link_created', entityType: 'user', entityId: id });
    // With mail configured the user also gets it by e-mail (an invitation until they first sign in).
    const to = config.mail && (await findRecipient(tx, { id }));
    const mailed =
      !!to &&
      (await queueAccountMail(tx, config.mail, {
        kind: target.lastLoginAt ? 'password_reset' : 'invitation',
        to,
        path: link.url,
      }));
    return { ...link, mailed };
  });
}

/** The users use cases, actor first (docs/decisions/007-module-rules.md). */
export function createUserService({ database, config }: Pick<AppDeps, 'database' | 'config'>) {
  const { db } = database;
  return {
    list: (actor: Actor, query: ListUsersQuery) => listUsers(db, actor, query),
    get: (actor: Actor, id: string) => getUser(db, actor, id),
    create: (actor: Actor, body: CreateUserBody) => createUser(database, actor, body),
    update: (actor: Actor, id: string, body: UpdateUserBody) => updateUser(database, actor, id, body),
    createResetLink: (actor: Actor, id: string) => createResetLink({ database, config }, actor, id),
  };
}
