import type {
  CreateDepartmentBody,
  Department,
  SetDepartmentMembersBody,
  UpdateDepartmentBody,
} from '@helpdesk/contract';
import { eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { departmentMembers, departments } from '../../db/schema/index.js';
import { AppError, notFound, ruleViolation, validationError } from '../../lib/app-error.js';
import { FOREIGN_KEY_VIOLATION, pgErrorCode, UNIQUE_VIOLATION } from '../../lib/pg-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { type Actor, requirePermission } from '../auth/actor.js';
import * as statuses from '../statuses/statuses.service.js';
import { countStaffUsers } from '../users/user-lookup.service.js';
import { type CachedDepartment, cachedDepartments, invalidateDepartmentCache } from './departments.cache.js';
import { canSeeDepartment, seesMembers } from './departments.policy.js';
import * as repo from './departments.repository.js';

export { type DepartmentFacts, departmentFactsFor } from './department-facts.cache.js';
export type { DepartmentRow } from './departments.repository.js';
export { type CachedDepartment, cachedDepartments, invalidateDepartmentCache };

// For other modules, inside their transaction: the department rows and memberships are this module's.
export const findDepartment = repo.findDepartment;
/** The user if they are an active agent of the department (who may be assigned its tickets). */
export const findEligibleAgent = repo.findEligibleAgent;
export const setUserMemberships = repo.replaceUserMemberships;
export const countDepartments = repo.countDepartments;

/**
 * Round-robin: the department's next eligible agent after its last pick (by user id), wrapping
 * around, recorded as the new position. The department row lock orders concurrent creations, so
 * turns are never skipped or doubled.
 */
export async function takeRoundRobinTurn(
  tx: DbOrTx,
  departmentId: string,
): Promise<{ id: string; name: string } | undefined> {
  const dept = await repo.findDepartment(tx, departmentId, { forUpdate: true });
  if (!dept) return undefined;
  const agent = await repo.nextRoundRobinAgent(tx, dept.id, dept.lastAssignedUserId);
  if (agent) await repo.setRoundRobinPosition(tx, dept.id, agent.id);
  return agent;
}

const nameTaken = () =>
  new AppError('NAME_TAKEN', 409, 'A department with this name already exists', [
    { path: 'body.name', message: 'Already in use' },
  ]);

/** Staff see every department and its members; customers see active ones, without staff ids. */
function present(actor: Actor, d: CachedDepartment): Department {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    isActive: d.isActive,
    autoAssign: d.autoAssign,
    replyStatusId: d.replyStatusId,
    memberIds: seesMembers(actor) ? d.memberIds : [],
  };
}

/** `GET /api/departments`: every signed-in user (customers: active ones only), from the cache. */
async function listDepartments(database: Database, actor: Actor): Promise<Department[]> {
  const all = await cachedDepartments(database);
  return all.filter((d) => canSeeDepartment(actor, d)).map((d) => present(actor, d));
}

async function getDepartment(database: Database, actor: Actor, id: string): Promise<Department> {
  const found = (await cachedDepartments(database)).find((d) => d.id === id);
  if (!found) throw notFound('Department');
  return present(actor, found);
}

/** `GET /api/departments/:id`. */
async function showDepartment(database: Database, actor: Actor, id: string): Promise<Department> {
  const d = await getDepartment(database, actor, id);
  if (!canSeeDepartment(actor, d)) throw notFound('Department');
  return d;
}

/** The status a reply moves tickets to must exist (issue 17). */
async function checkReplyStatus(database: Database, statusId: string | null | undefined): Promise<void> {
  if (!statusId) return;
  if (!statuses.findStatus(await statuses.referenceData(database), statusId)) {
    throw ruleViolation('Unknown status', [{ path: 'body.replyStatusId', message: 'Unknown status' }]);
  }
}

async function createDepartment(database: Database, actor: Actor, body: CreateDepartmentBody): Promise<Department> {
  const a = requirePermission(actor, 'departments.manage');
  await checkReplyStatus(database, body.replyStatusId);
  const id = await database.db.transaction(async (tx) => {
    try {
      const [row] = await tx
        .insert(departments)
        .values({ ...body, updatedAt: sql`clock_timestamp()` })
        .returning();
      if (!row) throw new Error('department not inserted');
      await recordAudit(tx, a.id, {
        action: 'department.created',
        entityType: 'department',
        entityId: row.id,
        after: body,
      });
      return row.id;
    } catch (err) {
      if (pgErrorCode(err) === UNIQUE_VIOLATION) throw nameTaken();
      throw err;
    }
  });
  await invalidateDepartmentCache(database);
  return getDepartment(database, a, id);
}

async function updateDepartment(
  database: Database,
  actor: Actor,
  id: string,
  body: UpdateDepartmentBody,
): Promise<Department> {
  const a = requirePermission(actor, 'departments.manage');
  await checkReplyStatus(database, body.replyStatusId);
  await database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(departments).where(eq(departments.id, id)).for('update');
    if (!before) throw notFound('Department');
    try {
      await tx
        .update(departments)
        .set({ ...body, updatedAt: sql`clock_timestamp()` })
        .where(eq(departments.id, id));
    } catch (err) {
      if (pgErrorCode(err) === UNIQUE_VIOLATION) throw nameTaken();
      throw err;
    }
    const { name, description, isActive, autoAssign, replyStatusId } = before;
    await recordAudit(tx, a.id, {
      action: 'department.updated',
      entityType: 'department',
      entityId: id,
      before: { name, description, isActive, autoAssign, replyStatusId },
      after: { name, description, isActive, autoAssign, replyStatusId, ...body },
    });
  });
  await invalidateDepartmentCache(database);
  return getDepartment(database, a, id);
}

/** A department that tickets refer to cannot be deleted (422): deactivate it instead. */
async function deleteDepartment(database: Database, actor: Actor, id: string): Promise<void> {
  const a = requirePermission(actor, 'departments.manage');
  try {
    await database.db.transaction(async (tx) => {
      const [before] = await tx.delete(departments).where(eq(departments.id, id)).returning();
      if (!before) throw notFound('Department');
      await recordAudit(tx, a.id, {
        action: 'department.deleted',
        entityType: 'department',
        entityId: id,
        before: { name: before.name, description: before.description, isActive: before.isActive },
      });
    });
  } catch (err) {
    if (pgErrorCode(err) === FOREIGN_KEY_VIOLATION) {
      throw ruleViolation('The department has tickets; deactivate it instead');
    }
    throw err;
  }
  await invalidateDepartmentCache(database);
}

/** `PUT /api/departments/:id/members`: the complete list; members must be active staff (not customers). */
async function setDepartmentMembers(
  database: Database,
  actor: Actor,
  id: string,
  body: SetDepartmentMembersBody,
): Promise<Department> {
  const a = requirePermission(actor, 'departments.manage');
  const userIds = [...new Set(body.userIds)];
  await database.db.transaction(async (tx) => {
    const [dept] = await tx.select().from(departments).where(eq(departments.id, id)).for('update');
    if (!dept) throw notFound('Department');
    if (userIds.length) {
      if ((await countStaffUsers(tx, userIds)) !== userIds.length) {
        throw validationError('Members must be existing staff users', [
          { path: 'body.userIds', message: 'Unknown user id or a customer' },
        ]);
      }
    }
    const before = await tx
      .select({ userId: departmentMembers.userId })
      .from(departmentMembers)
      .where(eq(departmentMembers.departmentId, id));
    await tx.delete(departmentMembers).where(eq(departmentMembers.departmentId, id));
    if (userIds.length) {
      await tx.insert(departmentMembers).values(userIds.map((userId) => ({ departmentId: id, userId })));
    }
    await tx.update(departments).set({ updatedAt: sql`clock_timestamp()` }).where(eq(departments.id, id));
    await recordAudit(tx, a.id, {
      action: 'department.members_set',
      entityType: 'department',
      entityId: id,
      before: { memberIds: before.map((m) => m.userId).sort() },
      after: { memberIds: [...userIds].sort() },
    });
  });
  await invalidateDepartmentCache(database);
  return getDepartment(database, a, id);
}

/** The departments use cases, actor first (docs/decisions/007-module-rules.md). */
export function createDepartmentService({ database }: Pick<AppDeps, 'database'>) {
  return {
    list: (actor: Actor) => listDepartments(database, actor),
    show: (actor: Actor, id: string) => showDepartment(database, actor, id),
    create: (actor: Actor, body: CreateDepartmentBody) => createDepartment(database, actor, body),
    update: (actor: Actor, id: string, body: UpdateDepartmentBody) => updateDepartment(database, actor, id, body),
    remove: (actor: Actor, id: string) => deleteDepartment(database, actor, id),
    setMembers: (actor: Actor, id: string, body: SetDepartmentMembersBody) =>
      setDepartmentMembers(database, actor, id, body),
  };
}
