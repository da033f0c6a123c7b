import type {
  CreateSlaCalendarBody,
  CreateSlaPolicyBody,
  SlaCalendar,
  SlaPolicy,
  SlaReport,
  TicketSla,
  UpdateSlaCalendarBody,
  UpdateSlaPolicyBody,
} from '@helpdesk/contract';
import { eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.js';
import { type Database, type DbOrTx, queryRows } from '../../db/client.js';
import { type SlaTermsJson, slaCalendars, slaDepartmentCalendars, slaPolicies } from '../../db/schema/index.js';
import { AppError, notFound, validationError } from '../../lib/app-error.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../lib/pg-errors.js';
import { iso, isoOrNull } from '../../lib/timestamps.js';
import { recordAudit } from '../audit/audit.service.js';
import { type Actor, requireAllowed } from '../auth/actor.js';
import { recordEvent } from '../events/events.service.js';
import { ticketNotifications } from '../notifications/notifications.service.js';
import { createTicketService, recordTicketHistory, type TicketService } from '../tickets/tickets.service.js';
import { businessMsBetween, isValidDate, isValidZone } from './business-time.js';
import { canManageSla, canSeeSla } from './sla.policy.js';
import * as repo from './sla.repository.js';
import { dueTimes, stateAt } from './sla-clock.js';
import { clockSummary, fromRow, missedWhenDone } from './sla-clock.service.js';
import { calendarFor, slaConfig, termsFor } from './sla-config.js';

const calendarNotFound = () => notFound('Calendar');
const policyNotFound = () => notFound('Policy');
const nameTaken = (what: string) =>
  new AppError('NAME_TAKEN', 409, `A ${what} with this name already exists`, [
    { path: 'body.name', message: 'Already in use' },
  ]);

async function listCalendars(database: Database, actor: Actor): Promise<SlaCalendar[]> {
  requireAllowed(actor, canSeeSla);
  const { calendars } = await slaConfig(database);
  return calendars.map((c) => ({
    id: c.id,
    name: c.name,
    timeZone: c.timeZone,
    isDefault: c.isDefault,
    hours: c.hours,
    holidays: c.holidays.map((h) => ({ date: h.date, yearly: h.yearly, ...(h.name ? { name: h.name } : {}) })),
    departmentIds: c.departmentIds,
  }));
}

function checkCalendar(body: UpdateSlaCalendarBody) {
  if (body.timeZone !== undefined && !isValidZone(body.timeZone)) {
    throw validationError('Unknown time zone', [{ path: 'body.timeZone', message: 'Not an IANA time zone' }]);
  }
  body.holidays?.forEach((h, i) => {
    if (!isValidDate(h.date)) {
      throw validationError('Invalid date', [{ path: `body.holidays.${i}.date`, message: 'Not a calendar date' }]);
    }
  });
}

async function setDepartments(tx: DbOrTx, calendarId: string, departmentIds: string[] | undefined) {
  if (departmentIds === undefined) return;
  await tx.delete(slaDepartmentCalendars).where(eq(slaDepartmentCalendars.calendarId, calendarId));
  for (const departmentId of new Set(departmentIds)) {
    await tx
      .insert(slaDepartmentCalendars)
      .values({ departmentId, calendarId })
      .onConflictDoUpdate({ target: slaDepartmentCalendars.departmentId, set: { calendarId } });
  }
}

/** Unique names and departments: 409 / 422 instead of a database error. */
async function writeConfig<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const code = pgErrorCode(err);
    if (code === UNIQUE_VIOLATION) {
      const detail = String((err as { constraint?: string; cause?: { constraint?: string } }).constraint ?? '');
      if (what === 'policy' && /department/.test(detail + String((err as Error).message))) {
        throw new AppError('RULE_VIOLATION', 422, 'That department already has a policy', [
          { path: 'body.departmentId', message: 'Already has a policy' },
        ]);
      }
      throw nameTaken(what);
    }
    if (code === '23503') {
      throw new AppError('RULE_VIOLATION', 422, 'Unknown department or calendar', [
        { path: 'body', message: 'Unknown department or calendar' },
      ]);
    }
    throw err;
  }
}

async function createCalendar(database: Database, actor: Actor, body: CreateSlaCalendarBody): Promise<SlaCalendar> {
  requireAllowed(actor, canManageSla);
  checkCalendar(body);
  const id = await writeConfig('calendar', () =>
    database.db.transaction(async (tx) => {
      if (body.isDefault)
        await tx.update(slaCalendars).set({ isDefault: false }).where(eq(slaCalendars.isDefault, true));
      const [row] = await tx
        .insert(slaCalendars)
        .values({
          name: body.name,
          timeZone: body.timeZone,
          hours: body.hours,
          holidays: body.holidays,
          isDefault: body.isDefault ?? false,
        })
        .returning({ id: slaCalendars.id });
      if (!row) throw new Error('calendar not inserted');
      await setDepartments(tx, row.id, body.departmentIds);
      await recordAudit(tx, actor.id, {
        action: 'sla_calendar.created',
        entityType: 'sla_calendar',
        entityId: row.id,
        after: body,
      });
      return row.id;
    }),
  );
  return findCalendar(database, actor, id);
}

async function findCalendar(database: Database, actor: Actor, id: string): Promise<SlaCalendar> {
  const found = (await listCalendars(database, actor)).find((c) => c.id === id);
  if (!found) throw calendarNotFound();
  return found;
}

async function updateCalendar(
  database: Database,
  actor: Actor,
  id: string,
  body: UpdateSlaCalendarBody,
): Promise<SlaCalendar> {
  requireAllowed(actor, canManageSla);
  checkCalendar(body);
  await writeConfig('calendar', () =>
    database.db.transaction(async (tx) => {
      const [before] = await tx.select().from(slaCalendars).where(eq(slaCalendars.id, id)).for('update');
      if (!before) throw calendarNotFound();
      if (body.isDefault)
        await tx.update(slaCalendars).set({ isDefault: false }).where(eq(slaCalendars.isDefault, true));
      const { departmentIds, ...fields } = body;
      await tx
        .update(slaCalendars)
        .set({ ...fields, updatedAt: sql`now()` })
        .where(eq(slaCalendars.id, id));
      await setDepartments(tx, id, departmentIds);
      await recordAudit(tx, actor.id, {
        action: 'sla_calendar.updated',
        entityType: 'sla_calendar',
        entityId: id,
        before,
        after: body,
      });
    }),
  );
  return findCalendar(database, actor, id);
}

async function deleteCalendar(database: Database, actor: Actor, id: string) {
  requireAllowed(actor, canManageSla);
  await database.db.transaction(async (tx) => {
    const [row] = await tx.delete(slaCalendars).where(eq(slaCalendars.id, id)).returning();
    if (!row) throw calendarNotFound();
    await recordAudit(tx, actor.id, {
      action: 'sla_calendar.deleted',
      entityType: 'sla_calendar',
      entityId: id,
      before: row,
    });
  });
  return { id, deleted: true as const };
}

async function listPolicies(database: Database, actor: Actor): Promise<SlaPolicy[]> {
  requireAllowed(actor, canSeeSla);
  return (await slaConfig(database)).policies.map((p) => ({ ...p }));
}

async function findPolicy(database: Database, actor: Actor, id: string): Promise<SlaPolicy> {
  const found = (await listPolicies(database, actor)).find((p) => p.id === id);
  if (!found) throw policyNotFound();
  return found;
}

function checkTargets(body: UpdateSlaPolicyBody) {
  const seen = new Set<string>();
  body.targets?.forEach((t, i) => {
    if (seen.has(t.priorityId)) {
      throw validationError('One target per priority', [{ path: `body.targets.${i}.priorityId`, message: 'Repeated' }]);
    }
    seen.add(t.priorityId);
  });
}

async function createPolicy(database: Database, actor: Actor, body: CreateSlaPolicyBody): Promise<SlaPolicy> {
  requireAllowed(actor, canManageSla);
  checkTargets(body);
  const id = await writeConfig('policy', () =>
    database.db.transaction(async (tx) => {
      const [row] = await tx.insert(slaPolicies).values(body).returning({ id: slaPolicies.id });
      if (!row) throw new Error('policy not inserted');
      await recordAudit(tx, actor.id, {
        action: 'sla_policy.created',
        entityType: 'sla_policy',
        entityId: row.id,
        after: body,
      });
      return row.id;
    }),
  );
  return findPolicy(database, actor, id);
}

/** Changes apply to tickets whose clock starts (or is re-picked) from now on; `helpdesk sla:recompute` applies them to open tickets. */
async function updatePolicy(
  database: Database,
  actor: Actor,
  id: string,
  body: UpdateSlaPolicyBody,
): Promise<SlaPolicy> {
  requireAllowed(actor, canManageSla);
  checkTargets(body);
  await writeConfig('policy', () =>
    database.db.transaction(async (tx) => {
      const [before] = await tx.select().from(slaPolicies).where(eq(slaPolicies.id, id)).for('update');
      if (!before) throw policyNotFound();
      await tx
        .update(slaPolicies)
        .set({ ...body, updatedAt: sql`now()` })
        .where(eq(slaPolicies.id, id));
      await recordAudit(tx, actor.id, {
        action: 'sla_policy.updated',
        entityType: 'sla_policy',
        entityId: id,
        before,
        after: body,
      });
    }),
  );
  return findPolicy(database, actor, id);
}

async function deletePolicy(database: Database, actor: Actor, id: string) {
  requireAllowed(actor, canManageSla);
  await database.db.transaction(async (tx) => {
    const [row] = await tx.delete(slaPolicies).where(eq(slaPolicies.id, id)).returning();
    if (!row) throw policyNotFound();
    await recordAudit(tx, actor.id, {
      action: 'sla_policy.deleted',
      entityType: 'sla_policy',
      entityId: id,
      before: row,
    });
  });
  return { id, deleted: true as const };
}

/** `GET /api/tickets/:id/sla` (staff): the ticket's policy, targets and their states; null without an SLA. */
async function ticketSla(
  deps: AppDeps,
  tickets: TicketService,
  actor: Actor,
  rawRef: string,
): Promise<TicketSla | null> {
  requireAllowed(actor, canSeeSla);
  const { database } = deps;
  const now = deps.now?.() ?? new Date();
  // Two plain reads, no transaction and no row lock: a ticket changed between them shows at the next read.
  const ticket = await tickets.glance(actor, rawRef);
  const row = await repo.findClock(database.db, ticket.id);
  if (!row) return null;
  const config = await slaConfig(database);
  const cal = calendarFor(config, row.terms.calendarId, ticket.departmentId);
  const s = fromRow(row);
  const due = dueTimes(cal, s);
  const closed = ticket.statusIsClosed === true;
  const targetState = (dueAt: Date | null, metAt: Date | null, pending: boolean) => {
    if (metAt) return dueAt && metAt > dueAt ? ('breached' as const) : ('met' as const);
    if (!pending) return 'met' as const;
    if (row.pausedAt) return 'paused' as const;
    return stateAt({ dueAt, warnAt: null, pausedAt: null, closed: false, breachedWhenDone: false }, now);
  };
  const t = row.terms;
  const targets: TicketSla['targets'] = [];
  if (t.firstResponseMinutes !== null) {
    targets.push({
      kind: 'first_response',
      minutes: t.firstResponseMinutes,
      dueAt: isoOrNull(due.firstResponseDueAt),
      metAt: isoOrNull(row.firstResponseAt),
      state: targetState(due.firstResponseDueAt, row.firstResponseAt, !row.firstResponseAt && !closed),
    });
  }
  if (t.nextResponseMinutes !== null) {
    targets.push({
      kind: 'next_response',
      minutes: t.nextResponseMinutes,
      dueAt: isoOrNull(due.nextResponseDueAt),
      metAt: null,
      state: targetState(due.nextResponseDueAt, null, !!row.awaitingReplySince && !closed),
    });
  }
  if (t.resolutionMinutes !== null) {
    targets.push({
      kind: 'resolution',
      minutes: t.resolutionMinutes,
      dueAt: isoOrNull(due.resolutionDueAt),
      metAt: isoOrNull(row.resolvedAt),
      state: targetState(due.resolutionDueAt, row.resolvedAt, !row.resolvedAt),
    });
  }
  const cell = clockSummary(
    {
      dueAt: row.dueAt,
      warnAt: row.warnAt,
      pausedAt: row.pausedAt,
      dueKind: row.dueKind,
      closed,
      breachedWhenDone: missedWhenDone(row),
    },
    now,
    (toMs) => businessMsBetween(cal, now.getTime(), toMs),
  );
  return {
    ...cell,
    policy: { id: row.policyId, name: t.policyName },
    calendar: { name: cal.name, timeZone: cal.timeZone },
    warningPercent: t.warningPercent,
    pausedAt: isoOrNull(row.pausedAt),
    targets,
  };
}

/**
 * `GET /api/sla/report` (`reports.view`, staff): first-response and resolution compliance of the
 * tickets created in the last 7 or 30 days, by department and priority, and today's breaches.
 * A target counts once it is decided: met in time, met late, or pending past its due time.
 */
async function report(deps: AppDeps, actor: Actor, days: number): Promise<SlaReport> {
  requireAllowed(actor, (a) => canSeeSla(a));
  const now = deps.now?.() ?? new Date();
  const since = new Date(now.getTime() - days * 86_400_000);
  const at = sql`${now.toISOString()}::timestamptz`;
  const scope =
    actor.permissions.has('tickets.view_all') || actor.roleName === 'SUPER_ADMIN'
      ? sql`true`
      : actor.departmentIds.length
        ? sql`t.department_id IN (${sql.join(
            actor.departmentIds.map((d) => sql`${d}::uuid`),
            sql`, `,
          )})`
        : sql`false`;
  const rows = await queryRows<SlaReport['rows'][number]>(
    deps.database.db,
    sql`SELECT d.id AS "departmentId", d.name AS "departmentName", p.id AS "priorityId", p.name AS "priorityName",
        count(*) FILTER (WHERE ts.first_response_at <= ts.first_response_due_at)::int AS "firstResponseMet",
        count(*) FILTER (WHERE ts.first_response_at > ts.first_response_due_at
          OR (ts.first_response_at IS NULL AND ts.first_response_due_at <= ${at}))::int AS "firstResponseBreached",
        count(*) FILTER (WHERE ts.resolved_at <= ts.resolution_due_at)::int AS "resolutionMet",
        count(*) FILTER (WHERE ts.resolved_at > ts.resolution_due_at
          OR (ts.resolved_at IS NULL AND ts.resolution_due_at <= ${at}))::int AS "resolutionBreached"
      FROM ticket_sla ts
        JOIN tickets t ON t.id = ts.ticket_id
        JOIN departments d ON d.id = t.department_id
        JOIN ticket_priorities p ON p.id = t.priority_id
      WHERE ts.started_at >= ${since.toISOString()}::timestamptz AND ${scope}
      GROUP BY d.id, d.name, p.id, p.name, p.level
      ORDER BY d.name, p.level DESC`,
  );
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [today] = await queryRows<{ n: number }>(
    deps.database.db,
    sql`SELECT count(*)::int AS n FROM sla_alerts a JOIN tickets t ON t.id = a.ticket_id
      WHERE a.kind = 'breach' AND a.created_at >= ${dayStart.toISOString()}::timestamptz AND ${scope}`,
  );
  return { days, rows, breachesToday: today?.n ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Alerts

export interface SlaAlert {
  ticket: {
    id: string;
    number: number;
    subject: string;
    customerId: string;
    departmentId: string;
    assignedToId: string | null;
  };
  kind: 'warning' | 'breach';
  target: string;
  dueAt: Date;
  at: Date;
}

/**
 * "An SLA warning/breach happened", in the caller's transaction: recorded once (sla_alerts' key),
 * a staff-only history entry on the ticket and notifications to the assignee (or the department).
 * The one place to hang anything else that should follow an SLA alert.
 */
export async function recordSlaAlert(database: Database, tx: DbOrTx, alert: SlaAlert): Promise<boolean> {
  const fresh = await repo.insertAlert(tx, {
    ticketId: alert.ticket.id,
    kind: alert.kind,
    target: alert.target,
    dueAt: alert.dueAt,
    createdAt: alert.at,
  });
  if (!fresh) return false;
  await recordTicketHistory(tx, [
    {
      ticketId: alert.ticket.id,
      actorId: null,
      action: alert.kind === 'breach' ? 'sla_breached' : 'sla_warning',
      field: 'sla',
      newValue: `${alert.target}:${alert.dueAt.toISOString()}`,
      isInternal: true,
    },
  ]);
  // Other channels (mail) hear of it through the events core, in this same transaction.
  await recordEvent(database, tx, {
    type: alert.kind === 'breach' ? 'sla.breached' : 'sla.warning',
    ticketId: alert.ticket.id,
    actorId: null,
    payload: { target: alert.target, dueAt: alert.dueAt.toISOString() },
  });
  await ticketNotifications.slaAlert(tx, alert.ticket, {
    breached: alert.kind === 'breach',
    target: alert.target,
    dueAt: alert.dueAt,
  });
  return true;
}

/**
 * The scheduled job (jobs/scheduler.ts, one instance at a time): every running clock past its
 * warning threshold or due time that was not told yet gets its warning, or its breach, once.
 * A clock past both at once gets only the breach.
 */
export async function runSlaAlerts(
  database: Database,
  now: Date = new Date(),
): Promise<{ warnings: number; breaches: number }> {
  let warnings = 0;
  let breaches = 0;
  for (;;) {
    const batch = await database.db.transaction(async (tx) => {
      const due = await repo.claimAlertCandidates(tx, now, 200);
      for (const c of due) {
        const breached = c.dueAt.getTime() <= now.getTime();
        const sent = await recordSlaAlert(database, tx, {
          ticket: {
            id: c.ticketId,
            number: Number(c.number),
            subject: c.subject,
            customerId: c.customerId,
            departmentId: c.departmentId,
            assignedToId: c.assignedToId,
          },
          kind: breached ? 'breach' : 'warning',
          target: c.dueKind,
          dueAt: c.dueAt,
          at: now,
        });
        if (sent) {
          if (breached) breaches++;
          else warnings++;
        }
        await repo.setAlertLevel(tx, c.ticketId, breached ? 2 : 1);
      }
      return due.length;
    });
    if (batch < 200) break;
  }
  return { warnings, breaches };
}

// ---------------------------------------------------------------------------------------------
// Recompute

/** Field by field: jsonb gives the keys back in its own order. */
const sameTerms = (a: SlaTermsJson, b: SlaTermsJson) =>
  (Object.keys(b) as (keyof SlaTermsJson)[]).every((k) => a[k] === b[k]) &&
  Object.keys(a).length === Object.keys(b).length;

/**
 * `helpdesk sla:recompute [--dry-run]`: every open ticket's clock again with the current policies
 * and calendars (a policy change applies to new tickets only until this runs). Elapsed pauses,
 * replies and the start are kept; a ticket whose department and priority have no target any more
 * loses its clock; a ticket from before its policy gets one. Batches of 500, each in a
 * transaction that locks the tickets it changes.
 */
export async function recomputeOpenTickets(
  database: Database,
  opts: { dryRun: boolean; now?: Date },
): Promise<{ examined: number; changed: number; started: number; stopped: number }> {
  const now = opts.now ?? new Date();
  const out = { examined: 0, changed: 0, started: 0, stopped: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const last = await database.db.transaction(async (tx) => {
      // The open tickets' fields, read by name (decision 007: reads only), locked in id order.
      const tickets = await queryRows<{
        id: string;
        departmentId: string;
        priorityId: string;
        createdAt: Date | string;
        firstResponseAt: Date | string | null;
        pauses: boolean;
      }>(
        tx,
        sql`SELECT t.id, t.department_id AS "departmentId", t.priority_id AS "priorityId", t.created_at AS "createdAt",
            t.first_response_at AS "firstResponseAt", s.pauses_sla AS pauses
          FROM tickets t JOIN ticket_statuses s ON s.id = t.status_id
          WHERE t.closed_at IS NULL AND t.id > ${after}::uuid
          ORDER BY t.id LIMIT 500 FOR UPDATE OF t`,
      );
      const config = await slaConfig(database, tx);
      for (const t of tickets) {
        out.examined++;
        const row = await repo.findClock(tx, t.id);
        const terms = termsFor(config, t.departmentId, t.priorityId);
        if (!terms) {
          if (row) {
            out.stopped++;
            if (!opts.dryRun) await repo.deleteClock(tx, t.id);
          }
          continue;
        }
        const cal = calendarFor(config, terms.calendarId, t.departmentId);
        const state = row
          ? { ...fromRow(row), terms }
          : {
              terms,
              startedAt: new Date(iso(t.createdAt)),
              firstResponseAt: t.firstResponseAt ? new Date(iso(t.firstResponseAt)) : null,
              awaitingReplySince: null,
              replyPausedBaseMs: 0,
              resolvedAt: null,
              pausedAt: t.pauses ? now : null,
              pausedMs: 0,
              dueAt: null,
              dueKind: null,
              alertLevel: 0,
            };
        const due = dueTimes(cal, state);
        const same =
          row &&
          sameTerms(row.terms, terms) &&
          (row.dueAt?.getTime() ?? null) === (due.dueAt?.getTime() ?? null) &&
          (row.firstResponseDueAt?.getTime() ?? null) === (due.firstResponseDueAt?.getTime() ?? null) &&
          (row.resolutionDueAt?.getTime() ?? null) === (due.resolutionDueAt?.getTime() ?? null) &&
          row.departmentId === t.departmentId;
        if (same) continue;
        if (row) out.changed++;
        else out.started++;
        if (!opts.dryRun) await repo.saveClock(tx, t.id, t.departmentId, state, due);
      }
      return tickets.at(-1)?.id;
    });
    if (!last) break;
    after = last;
  }
  return out;
}

export function createSlaService(deps: AppDeps) {
  const { database } = deps;
  const tickets = createTicketService(deps);
  return {
    listCalendars: (actor: Actor) => listCalendars(database, actor),
    createCalendar: (actor: Actor, body: CreateSlaCalendarBody) => createCalendar(database, actor, body),
    updateCalendar: (actor: Actor, id: string, body: UpdateSlaCalendarBody) =>
      updateCalendar(database, actor, id, body),
    deleteCalendar: (actor: Actor, id: string) => deleteCalendar(database, actor, id),
    listPolicies: (actor: Actor) => listPolicies(database, actor),
    createPolicy: (actor: Actor, body: CreateSlaPolicyBody) => createPolicy(database, actor, body),
    updatePolicy: (actor: Actor, id: string, body: UpdateSlaPolicyBody) => updatePolicy(database, actor, id, body),
    deletePolicy: (actor: Actor, id: string) => deletePolicy(database, actor, id),
    ticketSla: (actor: Actor, rawRef: string) => ticketSla(deps, tickets, actor, rawRef),
    report: (actor: Actor, days: number) => report(deps, actor, days),
  };
}
