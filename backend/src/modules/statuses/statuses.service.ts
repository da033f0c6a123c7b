import type {
  CreatePriorityBody,
  CreateStatusBody,
  TicketPriority,
  TicketStatus,
  UpdatePriorityBody,
  UpdateStatusBody,
} from '@helpdesk/contract';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { ticketPriorities, ticketStatuses } from '../../db/schema/index.js';
import { AppError, notFound, ruleViolation } from '../../lib/app-error.js';
import { FOREIGN_KEY_VIOLATION, pgErrorCode, UNIQUE_VIOLATION } from '../../lib/pg-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { type Actor, requirePermission } from '../auth/actor.js';

// Other modules read statuses and priorities from the per-process cache (reference-cache.ts).
export {
  findPriority,
  findReopenStatus,
  findStatus,
  type PriorityRef,
  priorityLevels,
  type ReferenceData,
  referenceData,
  type StatusRef,
  statusIdsByClosed,
} from './reference-cache.js';

// Statuses and priorities follow the same rules; `kind` picks the table.
type Kind = 'status' | 'priority';
const tables = { status: ticketStatuses, priority: ticketPriorities } as const;
const labels = { status: 'Status', priority: 'Priority' } as const;

const nameTaken = (kind: Kind) =>
  new AppError('NAME_TAKEN', 409, `A ${kind} with this name already exists`, [
    { path: 'body.name', message: 'Already in use' },
  ]);

function presentStatus(r: typeof ticketStatuses.$inferSelect): TicketStatus {
  return {
    id: r.id,
    name: r.name,
    color: r.color,
    sortOrder: r.sortOrder,
    isClosed: r.isClosed,
    isDefault: r.isDefault,
    pausesSla: r.pausesSla,
  };
}
function presentPriority(r: typeof ticketPriorities.$inferSelect): TicketPriority {
  return { id: r.id, name: r.name, level: r.level, color: r.color, isDefault: r.isDefault };
}

/** `GET /api/statuses`: every signed-in user, in display order. */
async function listStatuses(db: DbOrTx, actor: Actor): Promise<TicketStatus[]> {
  actor;
  const rows = await db.select().from(ticketStatuses).orderBy(asc(ticketStatuses.sortOrder), asc(ticketStatuses.name));
  return rows.map(presentStatus);
}

/** `GET /api/priorities`: every signed-in user, most urgent first. */
async function listPriorities(db: DbOrTx, actor: Actor): Promise<TicketPriority[]> {
  actor;
  const rows = await db
    .select()
    .from(ticketPriorities)
    .orderBy(desc(ticketPriorities.level), asc(ticketPriorities.name));
  return rows.map(presentPriority);
}

/** Serialises default changes so that exactly one row stays the default. */
async function lockKind(tx: DbOrTx, kind: Kind) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${kind === 'status' ? 40_201 : 40_202})`);
}

async function clearDefault(tx: DbOrTx, kind: Kind) {
  if (kind === 'status')
    await tx.update(ticketStatuses).set({ isDefault: false }).where(eq(ticketStatuses.isDefault, true));
  else await tx.update(ticketPriorities).set({ isDefault: false }).where(eq(ticketPriorities.isDefault, true));
}

async function findRow(tx: DbOrTx, kind: Kind, id: string) {
  const table = tables[kind];
  const [row] = await tx.select().from(table).where(eq(table.id, id));
  return row as (typeof ticketStatuses.$inferSelect & typeof ticketPriorities.$inferSelect) | undefined;
}

async function create<T>(database: Database, actor: Actor, kind: Kind, body: CreateStatusBody | CreatePriorityBody) {
  const a = requirePermission(actor, 'statuses.manage');
  try {
    return await database.db.transaction(async (tx) => {
      await lockKind(tx, kind);
      if (body.isDefault) await clearDefault(tx, kind);
      const [row] = await tx
        .insert(tables[kind])
        .values({ ...body } as never)
        .returning();
      if (!row) throw new Error('not inserted');
      await recordAudit(tx, a.id, { action: `${kind}.created`, entityType: kind, entityId: row.id, after: body });
      return row as T;
    });
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) throw nameTaken(kind);
    throw err;
  }
}

async function update<T>(
  database: Database,
  actor: Actor,
  kind: Kind,
  id: string,
  body: UpdateStatusBody | UpdatePriorityBody,
) {
  const a = requirePermission(actor, 'statuses.manage');
  try {
    return await database.db.transaction(async (tx) => {
      await lockKind(tx, kind);
      const before = await findRow(tx, kind, id);
      if (!before) throw notFound(labels[kind]);
      if (body.isDefault === false && before.isDefault) {
        throw ruleViolation(`Exactly one ${kind} is the default: make another one the default instead`);
      }
      if (body.isDefault && !before.isDefault) await clearDefault(tx, kind);
      const table = tables[kind];
      const [row] = await tx
        .update(table)
        .set({ ...body, updatedAt: sql`now()` } as never)
        .where(eq(table.id, id))
        .returning();
      const isClosed = 'isClosed' in body ? body.isClosed : undefined;
      if (kind === 'status' && isClosed !== undefined && isClosed !== (before as { isClosed?: boolean }).isClosed) {
        // closed_at is set exactly when a ticket's status is closed (the open queue reads it).
        await tx.execute(
          sql`UPDATE tickets SET closed_at = ${isClosed ? sql`now()` : sql`NULL`} WHERE status_id = ${id}::uuid`,
        );
      }
      const { createdAt: _c, updatedAt: _u, ...snapshot } = before;
      await recordAudit(tx, a.id, {
        action: `${kind}.updated`,
        entityType: kind,
        entityId: id,
        before: snapshot,
        after: { ...snapshot, ...body },
      });
      return row as T;
    });
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) throw nameTaken(kind);
    throw err;
  }
}

/** The default cannot be deleted, nor one that tickets use (422). */
async function remove(database: Database, actor: Actor, kind: Kind, id: string): Promise<void> {
  const a = requirePermission(actor, 'statuses.manage');
  try {
    await database.db.transaction(async (tx) => {
      await lockKind(tx, kind);
      const before = await findRow(tx, kind, id);
      if (!before) throw notFound(labels[kind]);
      if (before.isDefault) throw ruleViolation(`The default ${kind} cannot be deleted`);
      const table = tables[kind];
      await tx.delete(table).where(eq(table.id, id));
      const { createdAt: _c, updatedAt: _u, ...snapshot } = before;
      await recordAudit(tx, a.id, { action: `${kind}.deleted`, entityType: kind, entityId: id, before: snapshot });
    });
  } catch (err) {
    if (pgErrorCode(err) === FOREIGN_KEY_VIOLATION)
      throw ruleViolation(`Tickets use this ${kind}; it cannot be deleted`);
    throw err;
  }
}

const createStatus = async (d: Database, a: Actor, b: CreateStatusBody) =>
  presentStatus(await create<typeof ticketStatuses.$inferSelect>(d, a, 'status', b));
const updateStatus = async (d: Database, a: Actor, id: string, b: UpdateStatusBody) =>
  presentStatus(await update<typeof ticketStatuses.$inferSelect>(d, a, 'status', id, b));
const deleteStatus = (d: Database, a: Actor, id: string) => remove(d, a, 'status', id);
const createPriority = async (d: Database, a: Actor, b: CreatePriorityBody) =>
  presentPriority(await create<typeof ticketPriorities.$inferSelect>(d, a, 'priority', b));
const updatePriority = async (d: Database, a: Actor, id: string, b: UpdatePriorityBody) =>
  presentPriority(await update<typeof ticketPriorities.$inferSelect>(d, a, 'priority', id, b));
const deletePriority = (d: Database, a: Actor, id: string) => remove(d, a, 'priority', id);

/** The statuses use cases, actor first (docs/decisions/007-module-rules.md). */
export function createStatusService({ database }: Pick<AppDeps, 'database'>) {
  const { db } = database;
  return {
    listStatuses: (actor: Actor) => listStatuses(db, actor),
    createStatus: (actor: Actor, body: CreateStatusBody) => createStatus(database, actor, body),
    updateStatus: (actor: Actor, id: string, body: UpdateStatusBody) => updateStatus(database, actor, id, body),
    deleteStatus: (actor: Actor, id: string) => deleteStatus(database, actor, id),
    listPriorities: (actor: Actor) => listPriorities(db, actor),
    createPriority: (actor: Actor, body: CreatePriorityBody) => createPriority(database, actor, body),
    updatePriority: (actor: Actor, id: string, body: UpdatePriorityBody) => updatePriority(database, actor, id, body),
    deletePriority: (actor: Actor, id: string) => deletePriority(database, actor, id),
  };
}
