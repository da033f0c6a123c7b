import type { SlaState, SlaTargetKind } from '@helpdesk/contract';
import type { SlaTermsJson } from '../../db/schema/sla.js';
import { addBusinessMs, type BusinessCalendar, businessMsBetween } from './business-time.js';

/**
 * A ticket's SLA clock as pure functions: what the ticket_sla row holds and how a ticket event
 * moves it. Pauses are kept as business time spent paused (`pausedMs`), so every due time is
 * "start + target + paused business time" on the calendar and can be computed again from scratch
 * (`helpdesk sla:recompute`).
 */

export interface ClockState {
  terms: SlaTermsJson;
  startedAt: Date;
  firstResponseAt: Date | null;
  awaitingReplySince: Date | null;
  replyPausedBaseMs: number;
  resolvedAt: Date | null;
  pausedAt: Date | null;
  pausedMs: number;
  /** Of the stored row: kept when due_at does not change. */
  dueAt: Date | null;
  dueKind: SlaTargetKind | null;
  alertLevel: number;
}

export interface DueTimes {
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  dueAt: Date | null;
  dueKind: SlaTargetKind | null;
  warnAt: Date | null;
  alertLevel: number;
}

/** What happened to the ticket, after the write. */
export interface ClockEvent {
  at: Date;
  /** The status pauses the clock, or the ticket is closed. */
  paused: boolean;
  closed: boolean;
  publicAgentReply?: boolean;
  customerMessage?: boolean;
}

const MIN = 60_000;
const date = (ms: number | null) => (ms === null ? null : new Date(ms));

/** Moves the clock through one event: pause/resume, replies, resolution. */
export function advance(cal: BusinessCalendar, s: ClockState, e: ClockEvent): ClockState {
  const next = { ...s };
  if (e.paused && !s.pausedAt) next.pausedAt = e.at;
  if (!e.paused && s.pausedAt) {
    next.pausedMs = s.pausedMs + businessMsBetween(cal, s.pausedAt.getTime(), e.at.getTime());
    next.pausedAt = null;
  }
  if (e.publicAgentReply) {
    if (!next.firstResponseAt) next.firstResponseAt = e.at;
    next.awaitingReplySince = null;
  }
  // The next-response clock starts with a customer message once an agent has answered.
  if (e.customerMessage && next.firstResponseAt && !next.awaitingReplySince) {
    next.awaitingReplySince = e.at;
    next.replyPausedBaseMs = next.pausedMs;
  }
  next.resolvedAt = e.closed ? (s.resolvedAt ?? e.at) : null;
  return next;
}

/** The due times of the state; due_at/warn_at only while the clock runs. */
export function dueTimes(cal: BusinessCalendar, s: ClockState): DueTimes {
  const t = s.terms;
  const start = s.startedAt.getTime();
  const at = (from: number, minutes: number | null, extra: number) =>
    minutes === null ? null : addBusinessMs(cal, from, minutes * MIN + extra);
  const fr = at(start, t.firstResponseMinutes, s.pausedMs);
  const reply = s.awaitingReplySince ? s.awaitingReplySince.getTime() : null;
  const nr = reply === null ? null : at(reply, t.nextResponseMinutes, s.pausedMs - s.replyPausedBaseMs);
  const res = at(start, t.resolutionMinutes, s.pausedMs);

  const pending: { kind: SlaTargetKind; due: number; warn: number | null }[] = [];
  const warnShare = t.warningPercent / 100;
  const warn = (from: number, minutes: number | null, extra: number) =>
    minutes === null ? null : addBusinessMs(cal, from, Math.round(minutes * MIN * warnShare) + extra);
  if (fr !== null && !s.firstResponseAt) {
    pending.push({ kind: 'first_response', due: fr, warn: warn(start, t.firstResponseMinutes, s.pausedMs) });
  }
  if (nr !== null && reply !== null) {
    pending.push({
      kind: 'next_response',
      due: nr,
      warn: warn(reply, t.nextResponseMinutes, s.pausedMs - s.replyPausedBaseMs),
    });
  }
  if (res !== null && !s.resolvedAt) {
    pending.push({ kind: 'resolution', due: res, warn: warn(start, t.resolutionMinutes, s.pausedMs) });
  }
  pending.sort((a, b) => a.due - b.due);
  const first = s.pausedAt ? undefined : pending[0];
  const dueAt = first ? first.due : null;
  const dueKind = first ? first.kind : null;
  const same = dueAt === (s.dueAt?.getTime() ?? null) && dueKind === s.dueKind;
  return {
    firstResponseDueAt: date(fr),
    nextResponseDueAt: date(nr),
    resolutionDueAt: date(res),
    dueAt: date(dueAt),
    dueKind,
    warnAt: first ? date(first.warn ?? first.due) : null,
    // A new due time may warn and breach again; the same one never twice.
    alertLevel: same ? s.alertLevel : 0,
  };
}

/** The state shown for a running, paused or finished clock at `now`. */
export function stateAt(
  row: { dueAt: Date | null; warnAt: Date | null; pausedAt: Date | null; closed: boolean; breachedWhenDone: boolean },
  now: Date,
): SlaState {
  if (row.closed) return row.breachedWhenDone ? 'breached' : 'met';
  if (row.pausedAt) return 'paused';
  if (!row.dueAt) return 'met';
  if (now.getTime() >= row.dueAt.getTime()) return 'breached';
  if (row.warnAt && now.getTime() >= row.warnAt.getTime()) return 'warning';
  return 'ok';
}
