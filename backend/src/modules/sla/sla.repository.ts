import { eq, getTableColumns, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import { insertSql } from '../../db/insert-sql.js';
import { slaAlerts, ticketSla } from '../../db/schema/index.js';
import { type WriteBatch, write } from '../../db/write-batch.js';
import type { ClockState, DueTimes } from './sla-clock.js';

export type ClockRow = typeof ticketSla.$inferSelect;

export async function findClock(db: DbOrTx, ticketId: string): Promise<ClockRow | undefined> {
  const [row] = await db.select().from(ticketSla).where(eq(ticketSla.ticketId, ticketId));
  return row;
}

/**
 * The ON CONFLICT SET of saveClock: every column but the key takes the value just inserted (saveClock
 * writes every column, its type says so). Written once: Drizzle's onConflictDoUpdate built the same
 * from a second copy of the values on every clock write, about half of the write's SQL building
 * (~100 µs of server CPU on each create and reply) and 17 more parameters to send.
 */
const takeInserted = sql.raw(
  Object.values(getTableColumns(ticketSla))
    .filter((column) => column.name !== ticketSla.ticketId.name)
    .map(({ name }) => `"${name}" = EXCLUDED."${name}"`)
    .join(', '),
);

/**
 * Writes the clock of a ticket of `departmentId` (the copy the queue's department walk reads), in
 * `batch` when given; not at all when `stored`, the row read before, already holds every value (a
 * second reply in a row). `created`: the ticket is being filed, so it has no clock yet.
 */
export async function saveClock(
  db: DbOrTx,
  ticketId: string,
  departmentId: string,
  s: ClockState,
  due: DueTimes,
  opts: { batch?: WriteBatch; stored?: ClockRow; created?: boolean } = {},
): Promise<void> {
  // Every column (a new one must be written here too: takeInserted sets them all).
  const values: Required<Omit<typeof ticketSla.$inferInsert, 'updatedAt'>> = {
    ticketId,
    departmentId,
    policyId: s.terms.policyId,
    terms: s.terms,
    startedAt: s.startedAt,
    firstResponseAt: s.firstResponseAt,
    awaitingReplySince: s.awaitingReplySince,
    replyPausedBaseMs: s.replyPausedBaseMs,
    resolvedAt: s.resolvedAt,
    pausedAt: s.pausedAt,
    pausedMs: s.pausedMs,
    firstResponseDueAt: due.firstResponseDueAt,
    nextResponseDueAt: due.nextResponseDueAt,
    resolutionDueAt: due.resolutionDueAt,
    dueAt: due.dueAt,
    dueKind: due.dueKind,
    warnAt: due.warnAt,
    alertLevel: due.alertLevel,
  };
  if (opts.stored && holds(opts.stored, values)) return;
  const insert = insertSql(ticketSla, [{ ...values, updatedAt: sql`now()` }]);
  // A new ticket has no clock yet: a plain insert spares PostgreSQL the conflict check.
  if (opts.created) return write(db, insert, opts.batch);
  const upsert = sql`${insert} ON CONFLICT (${sql.identifier(ticketSla.ticketId.name)}) DO UPDATE SET ${takeInserted}`;
  await write(db, upsert, opts.batch);
}

/** Every value equals the stored one (times by instant; terms by identity: the row's own unless repicked). */
function holds(stored: ClockRow, values: Partial<ClockRow>): boolean {
  return Object.entries(values).every(([key, value]) => {
    const old = stored[key as keyof ClockRow];
    return value instanceof Date && old instanceof Date ? value.getTime() === old.getTime() : value === old;
  });
}

export async function deleteClock(db: DbOrTx, ticketId: string): Promise<void> {
  await db.delete(ticketSla).where(eq(ticketSla.ticketId, ticketId));
}

/** A clock that reached its warning or due time and was not told yet. */
export interface AlertCandidate {
  ticketId: string;
  number: number;
  subject: string;
  departmentId: string;
  assignedToId: string | null;
  customerId: string;
  dueAt: Date;
  dueKind: string;
  alertLevel: number;
}

/**
 * Clocks due an alert at `now`, locked (SKIP LOCKED: a ticket being written is taken next run).
 * Reads the ticket's number, department and assignee by name (a read, decision 007).
 */
export async function claimAlertCandidates(db: DbOrTx, now: Date, limit: number): Promise<AlertCandidate[]> {
  const rows = await queryRows<AlertCandidate>(
    db,
    sql`SELECT ts.ticket_id AS "ticketId", t.number::float8 AS number, t.subject, t.department_id AS "departmentId",
        t.assigned_to_id AS "assignedToId", t.customer_id AS "customerId", ts.due_at AS "dueAt",
        ts.due_kind AS "dueKind", ts.alert_level AS "alertLevel"
      FROM ticket_sla ts JOIN tickets t ON t.id = ts.ticket_id
      WHERE ts.due_at IS NOT NULL AND ts.alert_level < 2 AND ts.warn_at <= ${now.toISOString()}::timestamptz
        AND (ts.alert_level = 0 OR ts.due_at <= ${now.toISOString()}::timestamptz)
      ORDER BY ts.warn_at LIMIT ${limit}
      FOR UPDATE OF ts SKIP LOCKED`,
  );
  return rows.map((r) => ({ ...r, dueAt: new Date(r.dueAt) }));
}

export async function setAlertLevel(db: DbOrTx, ticketId: string, level: number): Promise<void> {
  await db.update(ticketSla).set({ alertLevel: level }).where(eq(ticketSla.ticketId, ticketId));
}

/** True when this alert was not recorded before (the primary key keeps it to one). */
export async function insertAlert(
  db: DbOrTx,
  alert: { ticketId: string; kind: string; target: string; dueAt: Date; createdAt: Date },
): Promise<boolean> {
  const rows = await db.insert(slaAlerts).values(alert).onConflictDoNothing().returning({ kind: slaAlerts.kind });
  return rows.length > 0;
}
