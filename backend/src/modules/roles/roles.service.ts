import type { CreateRoleBody, Role, UpdateRoleBody } from '@helpdesk/contract';
import { eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.js';
import { type Database, type DbOrTx, queryRows } from '../../db/client.js';
import { roles } from '../../db/schema/index.js';
import { AppError, forbidden, notFound, ruleViolation } from '../../lib/app-error.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../lib/pg-errors.js';
import { iso } from '../../lib/timestamps.js';
import { recordAudit } from '../audit/audit.service.js';
import { type Actor, requireAllowed } from '../auth/actor.js';
import { effectivePermissions } from '../users/users.policy.js';
import {
  canListRoles,
  canManageRoles,
  permissionsBeyondActor,
  roleDeleteRefusal,
  roleEditRefusal,
} from './roles.policy.js';

interface RoleRow {
  id: string;
  name: string;
  description: string;
  permissions: string[];
  isSystem: boolean;
  userCount: number;
  createdAt: Date | string;
  updatedAt: Date | string;
}

const nameTaken = () =>
  new AppError('NAME_TAKEN', 409, 'A role with this name already exists', [
    { path: 'body.name', message: 'Already in use' },
  ]);

function present(r: RoleRow): Role {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    permissions: effectivePermissions(r.name, r.permissions),
    isSystem: r.isSystem,
    userCount: r.userCount,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

async function selectRoles(db: DbOrTx, id?: string): Promise<RoleRow[]> {
  return queryRows<RoleRow>(
    db,
    sql`SELECT r.id, r.name, r.description, r.permissions, r.is_system AS "isSystem",
      r.created_at AS "createdAt", r.updated_at AS "updatedAt",
      (SELECT count(*)::int FROM users u WHERE u.role_id = r.id) AS "userCount"
    FROM roles r ${id ? sql`WHERE r.id = ${id}` : sql``}
    ORDER BY r.is_system DESC, r.name`,
  );
}

async function getRole(db: DbOrTx, id: string): Promise<RoleRow> {
  const [row] = await selectRoles(db, id);
  if (!row) throw notFound('Role');
  return row;
}

/** `GET /api/roles`: for whoever manages users or roles (to pick a role for a user). */
async function listRoles(db: DbOrTx, actor: Actor): Promise<Role[]> {
  requireAllowed(actor, canListRoles);
  return (await selectRoles(db)).map(present);
}

/** 403 when the role would get permissions its editor does not hold (permissionsBeyondActor). */
function checkGrant(a: Actor, permissions: CreateRoleBody['permissions'] | undefined) {
  const beyond = permissionsBeyondActor(a, permissions ?? []);
  if (beyond.length > 0) throw forbidden(`You can grant only permissions you hold yourself (not ${beyond.join(', ')})`);
}

async function createRole(database: Database, a: Actor, body: CreateRoleBody): Promise<Role> {
  requireAllowed(a, canManageRoles);
  checkGrant(a, body.permissions);
  try {
    return present(
      await database.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(roles)
          .values({
            name: body.name,
            description: body.description ?? '',
            permissions: [...new Set(body.permissions)],
            isSystem: false,
          })
          .returning({ id: roles.id });
        if (!row) throw new Error('role not inserted');
        await recordAudit(tx, a.id, { action: 'role.created', entityType: 'role', entityId: row.id, after: body });
        return getRole(tx, row.id);
      }),
    );
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) throw nameTaken();
    throw err;
  }
}

/** What may be edited: roleEditRefusal. Permission changes apply to the role's users at their next request. */
async function updateRole(database: Database, a: Actor, id: string, body: UpdateRoleBody) {
  requireAllowed(a, canManageRoles);
  checkGrant(a, body.permissions);
  try {
    return present(
      await database.db.transaction(async (tx) => {
        const before = await getRole(tx, id);
        const refusal = roleEditRefusal(before, body);
        if (refusal) throw ruleViolation(refusal);
        await tx
          .update(roles)
          .set({
            name: body.name,
            description: body.description,
            permissions: body.permissions ? [...new Set(body.permissions)] : undefined,
            updatedAt: sql`now()`,
          })
          .where(sql`${roles.id} = ${id}`);
        const after = await getRole(tx, id);
        await recordAudit(tx, a.id, {
          action: 'role.updated',
          entityType: 'role',
          entityId: id,
          before: { name: before.name, description: before.description, permissions: before.permissions },
          after: { name: after.name, description: after.description, permissions: after.permissions },
        });
        return after;
      }),
    );
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) throw nameTaken();
    throw err;
  }
}

/** What may be deleted: roleDeleteRefusal (422 otherwise). */
async function deleteRole(database: Database, a: Actor, id: string): Promise<void> {
  requireAllowed(a, canManageRoles);
  await database.db.transaction(async (tx) => {
    // Locks the role so nobody is given it while it goes.
    await tx.execute(sql`SELECT id FROM roles WHERE id = ${id} FOR UPDATE`);
    const before = await getRole(tx, id);
    const refusal = roleDeleteRefusal(before);
    if (refusal) throw ruleViolation(refusal);
    await tx.delete(roles).where(sql`${roles.id} = ${id}`);
    await recordAudit(tx, a.id, {
      action: 'role.deleted',
      entityType: 'role',
      entityId: id,
      before: { name: before.name, description: before.description, permissions: before.permissions },
    });
  });
}

/** A role row by id, for other modules (users) inside their transaction. */
export async function findRole(db: DbOrTx, id: string) {
  const [row] = await db.select().from(roles).where(eq(roles.id, id));
  return row;
}

export async function findRoleByName(db: DbOrTx, name: string) {
  const [row] = await db.select().from(roles).where(eq(roles.name, name));
  return row;
}

/** The roles use cases, actor first (docs/decisions/007-module-rules.md). */
export function createRoleService({ database }: Pick<AppDeps, 'database'>) {
  const { db } = database;
  return {
    list: (actor: Actor) => listRoles(db, actor),
    create: (actor: Actor, body: CreateRoleBody) => createRole(database, actor, body),
    update: (actor: Actor, id: string, body: UpdateRoleBody) => updateRole(database, actor, id, body),
    remove: (actor: Actor, id: string) => deleteRole(database, actor, id),
  };
}
