import type { SlaTargetKind, TicketSlaSummary } from '@helpdesk/contract';
import { type Database, type DbOrTx, jsonColumn } from '../../db/client.js';
import type { SlaTermsJson } from '../../db/schema/sla.js';
import type { WriteBatch } from '../../db/write-batch.js';
import { iso } from '../../lib/timestamps.js';
import { type BusinessCalendar, businessMsFrom } from './business-time.js';
import * as repo from './sla.repository.js';
import { advance, type ClockState, dueTimes, stateAt } from './sla-clock.js';
import { calendarFor, type SlaConfig, slaConfig, termsFor } from './sla-config.js';

export type { SlaConfig };

/**
 * What the tickets module calls inside its own write transactions (no import of tickets, so no
 * cycle): the ticket's SLA clock follows every ticket write that matters (docs/sla.md).
 */

/** The ticket after the write. */
export interface SlaTicketFacts {
  id: string;
  departmentId: string;
  priorityId: string;
  createdAt: Date;
  /** Its status pauses the clock. */
  statusPauses: boolean;
  closed: boolean;
}

export interface SlaWrite {
  at: Date;
  /** The ticket is new: there is no clock to read. */
  created?: boolean;
  /** Created, or priority/department changed: the policy's current targets apply. */
  repick?: boolean;
  publicAgentReply?: boolean;
  customerMessage?: boolean;
}

/**
 * Starts, moves or stops the ticket's clock, in the caller's transaction (the ticket row is locked).
 * The clock's write goes into `batch` when given (a reply's other writes go with it); a write that
 * would change nothing (a second reply in a row) is left out.
 */
export async function syncTicketSla(
  tx: DbOrTx,
  database: Database,
  ticket: SlaTicketFacts,
  write: SlaWrite,
  batch?: WriteBatch,
): Promise<void> {
  const config = await slaConfig(database, tx);
  const row = write.created ? undefined : await repo.findClock(tx, ticket.id);
  let terms = row?.terms;
  if (write.repick) {
    terms = termsFor(config, ticket.departmentId, ticket.priorityId);
    if (!terms) {
      if (row) await repo.deleteClock(tx, ticket.id);
      return;
    }
  }
  // A ticket from before its department had a policy: `helpdesk sla:recompute` starts its clock.
  if (!terms) return;
  const cal = calendarFor(config, terms.calendarId, ticket.departmentId);
  const before: ClockState = row
    ? { ...fromRow(row), terms }
    : {
        terms,
        startedAt: ticket.createdAt,
        firstResponseAt: null,
        awaitingReplySince: null,
        replyPausedBaseMs: 0,
        resolvedAt: null,
        pausedAt: null,
        pausedMs: 0,
        dueAt: null,
        dueKind: null,
        alertLevel: 0,
      };
  const after = advance(cal, before, {
    at: write.at,
    paused: ticket.statusPauses || ticket.closed,
    closed: ticket.closed,
    publicAgentReply: write.publicAgentReply,
    customerMessage: write.customerMessage,
  });
  await repo.saveClock(tx, ticket.id, ticket.departmentId, after, dueTimes(cal, after), {
    batch,
    stored: row,
    created: write.created,
  });
}

export function fromRow(row: repo.ClockRow): ClockState {
  return {
    terms: row.terms,
    startedAt: row.startedAt,
    firstResponseAt: row.firstResponseAt,
    awaitingReplySince: row.awaitingReplySince,
    replyPausedBaseMs: Number(row.replyPausedBaseMs),
    resolvedAt: row.resolvedAt,
    pausedAt: row.pausedAt,
    pausedMs: Number(row.pausedMs),
    dueAt: row.dueAt,
    dueKind: row.dueKind as SlaTargetKind | null,
    alertLevel: row.alertLevel,
  };
}

/** The SLA columns the queue and detail reads select for staff (tickets/queue.queries.ts). */
export interface SlaViewColumns {
  slaTerms?: SlaTermsJson | string | null;
  slaDueAt?: Date | string | null;
  slaDueKind?: string | null;
  slaWarnAt?: Date | string | null;
  slaPausedAt?: Date | string | null;
  slaFirstResponseDueAt?: Date | string | null;
  slaFirstResponseAt?: Date | string | null;
  slaResolutionDueAt?: Date | string | null;
  slaResolvedAt?: Date | string | null;
}

const toDate = (v: Date | string | null | undefined) => (v == null ? null : new Date(iso(v)));

/** Whether a finished ticket missed a target: first reply or resolution after its due time. */
export function missedWhenDone(r: {
  firstResponseDueAt: Date | null;
  firstResponseAt: Date | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
}): boolean {
  const late = (due: Date | null, done: Date | null) => !!due && !!done && done.getTime() > due.getTime();
  return (
    late(r.firstResponseDueAt, r.firstResponseAt) ||
    late(r.resolutionDueAt, r.resolvedAt) ||
    (!!r.firstResponseDueAt && !r.firstResponseAt && !!r.resolvedAt && r.resolvedAt > r.firstResponseDueAt)
  );
}

/** A clock's cell: its state, due time and business minutes left (the queue and the ticket's SLA read). */
export function clockSummary(
  clock: {
    dueAt: Date | null;
    warnAt: Date | null;
    pausedAt: Date | null;
    dueKind: string | null;
    closed: boolean;
    breachedWhenDone: boolean;
  },
  now: Date,
  businessMsUntil: (toMs: number) => number,
): TicketSlaSummary {
  const state = stateAt(clock, now);
  const { dueAt } = clock;
  let businessMinutesLeft: number | null = null;
  if (dueAt && (state === 'ok' || state === 'warning')) {
    businessMinutesLeft = Math.ceil(businessMsUntil(dueAt.getTime()) / 60_000);
  } else if (dueAt && state === 'breached') {
    businessMinutesLeft = 0;
  }
  return {
    state,
    dueAt: dueAt ? dueAt.toISOString() : null,
    dueKind: (clock.dueKind as SlaTargetKind | null) ?? null,
    businessMinutesLeft,
  };
}

/**
 * The SLA cells of one page of the queue, all at `now`: rows on the same calendar share one walk
 * of its opening hours (the walk is the costly part, a day at a time up to the furthest due time).
 */
export function slaCells(config: SlaConfig, now: Date) {
  const timers = new Map<BusinessCalendar, (toMs: number) => number>();
  const timerOf = (cal: BusinessCalendar) => {
    let timer = timers.get(cal);
    if (!timer) {
      timer = businessMsFrom(cal, now.getTime());
      timers.set(cal, timer);
    }
    return timer;
  };
  /** A row's cell, or undefined when the ticket has no SLA. */
  return (row: SlaViewColumns & { departmentId: string; closedAt: Date | string | null }) => {
    if (!row.slaTerms) return undefined;
    const terms = jsonColumn<SlaTermsJson>(row.slaTerms);
    const clock = {
      dueAt: toDate(row.slaDueAt),
      warnAt: toDate(row.slaWarnAt),
      pausedAt: toDate(row.slaPausedAt),
      dueKind: row.slaDueKind ?? null,
      closed: row.closedAt != null,
      breachedWhenDone: missedWhenDone({
        firstResponseDueAt: toDate(row.slaFirstResponseDueAt),
        firstResponseAt: toDate(row.slaFirstResponseAt),
        resolutionDueAt: toDate(row.slaResolutionDueAt),
        resolvedAt: toDate(row.slaResolvedAt),
      }),
    };
    return clockSummary(clock, now, timerOf(calendarFor(config, terms.calendarId, row.departmentId)));
  };
}

export type SlaCells = ReturnType<typeof slaCells>;

/** The calendars and policies (cached), for presenting many rows at once. */
export const loadSlaConfig = (database: Database) => slaConfig(database);

/** The queue filter for an SLA state, over the ticket_sla row `ts` of `t` at `now` (an index range on due_at). */
export { slaStateFilterSql } from './sla-queue.js';
