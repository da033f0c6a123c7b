import { DateTime, IANAZone } from 'luxon';

/**
 * Business-time arithmetic for service levels: the one place that knows about opening hours,
 * holidays and time zones (docs/sla.md). Pure functions over epoch milliseconds; local
 * times are turned into instants by Luxon in the calendar's IANA zone, so an opening hour on a
 * daylight-saving day lasts what the clock on the wall says it lasts, never a fixed offset.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * Open from `start` to `end` (local "HH:mm") on `day`. `end` "24:00" is midnight at the end of the
 * day; an `end` at or before `start` crosses midnight and ends on the next day.
 */
export interface WeeklyInterval {
  day: Weekday;
  start: string;
  end: string;
}

/** A closed local date ("YYYY-MM-DD"); `yearly` repeats it on the same month and day every year. */
export interface Holiday {
  date: string;
  yearly: boolean;
  name?: string;
}

export interface BusinessCalendar {
  timeZone: string;
  hours: WeeklyInterval[];
  holidays: Holiday[];
}

/** Round the clock, every day: 24/7 is a calendar like any other. */
export const ALWAYS_OPEN: Omit<BusinessCalendar, 'timeZone'> = {
  hours: ([1, 2, 3, 4, 5, 6, 7] as Weekday[]).map((day) => ({ day, start: '00:00', end: '24:00' })),
  holidays: [],
};

/** How far ahead a due time is looked for; a calendar open less often than this never falls due. */
const HORIZON_DAYS = 366 * 4;

const TIME_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const isValidTime = (s: string) => TIME_RE.test(s);
export const isValidZone = (zone: string) => IANAZone.isValidZone(zone);
export const isValidDate = (s: string) => DATE_RE.test(s) && DateTime.fromISO(s, { zone: 'UTC' }).isValid;

function minutesOf(hhmm: string): number {
  if (hhmm === '24:00') return 24 * 60;
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** A prepared calendar: intervals by weekday in minutes, holidays as lookup sets. */
interface Prepared {
  zone: string;
  byDay: Map<number, { start: number; end: number }[]>;
  once: Set<string>;
  yearly: Set<string>;
  /** Local days already worked out, by their midnight instant (see `dayOf`). */
  days: Map<number, PreparedDay>;
  /** The local day of the last walk's first instant, as instants [from, to), and where its walk began. */
  lastStart?: { from: number; to: number; walkFrom: DateTime };
}

/** One local day of a calendar: its open spans as instants, and the next local day. */
interface PreparedDay {
  spans: [number, number][];
  next: DateTime;
}

/** Days kept per calendar: about ten years, far more than the due times of open tickets walk. */
const MAX_CACHED_DAYS = 4000;

const prepared = new WeakMap<BusinessCalendar, Prepared>();

function prepare(cal: BusinessCalendar): Prepared {
  const cached = prepared.get(cal);
  if (cached) return cached;
  const byDay = new Map<number, { start: number; end: number }[]>();
  for (const h of cal.hours) {
    const start = minutesOf(h.start);
    let end = minutesOf(h.end);
    if (end <= start) end += 24 * 60; // crosses midnight
    const list = byDay.get(h.day) ?? [];
    list.push({ start, end });
    byDay.set(h.day, list);
  }
  for (const list of byDay.values()) list.sort((a, b) => a.start - b.start);
  const p: Prepared = {
    zone: cal.timeZone,
    byDay,
    once: new Set(cal.holidays.filter((h) => !h.yearly).map((h) => h.date)),
    yearly: new Set(cal.holidays.filter((h) => h.yearly).map((h) => h.date.slice(5))),
    days: new Map(),
  };
  prepared.set(cal, p);
  return p;
}

function isHoliday(p: Prepared, day: DateTime): boolean {
  const iso = day.toISODate() ?? '';
  // A yearly 29 February is kept in leap years only: the date simply does not occur otherwise.
  return p.once.has(iso) || p.yearly.has(iso.slice(5));
}

/** The instant of local midnight + `minutes` on `day` (a gap in the wall clock moves forward). */
function at(p: Prepared, day: DateTime, minutes: number): number {
  const extraDays = Math.floor(minutes / (24 * 60));
  const rest = minutes - extraDays * 24 * 60;
  const d = extraDays ? day.plus({ days: extraDays }) : day;
  return DateTime.fromObject(
    { year: d.year, month: d.month, day: d.day, hour: Math.floor(rest / 60), minute: rest % 60 },
    { zone: p.zone },
  ).toMillis();
}

/** Removes the local days that are holidays from [s, e): at most the day the interval starts and the next. */
function cutHolidays(p: Prepared, day: DateTime, s: number, e: number): [number, number][] {
  let spans: [number, number][] = [[s, e]];
  for (const d of [day, day.plus({ days: 1 })]) {
    if (!isHoliday(p, d)) continue;
    const hs = at(p, d, 0);
    const he = at(p, d, 24 * 60);
    spans = spans.flatMap(([a, b]): [number, number][] => {
      if (b <= hs || a >= he) return [[a, b]];
      const out: [number, number][] = [];
      if (a < hs) out.push([a, hs]);
      if (b > he) out.push([he, b]);
      return out;
    });
  }
  return spans;
}

/**
 * The day's open spans (holidays cut out) and the next day. Every due time computed today walks
 * the same days from today on, and each day costs several Luxon conversions in the calendar's
 * zone, so a calendar keeps the days it has worked out (it is immutable: a changed calendar is a
 * new object with a new cache).
 */
function dayOf(p: Prepared, day: DateTime): PreparedDay {
  const key = day.toMillis();
  const cached = p.days.get(key);
  if (cached) return cached;
  const spans: [number, number][] = [];
  for (const iv of p.byDay.get(day.weekday) ?? []) {
    // A span the wall clock skips (DST) or a holiday cut to nothing is dropped here, once.
    for (const [s, e] of cutHolidays(p, day, at(p, day, iv.start), at(p, day, iv.end))) if (e > s) spans.push([s, e]);
  }
  const result = { spans, next: day.plus({ days: 1 }) };
  if (p.days.size >= MAX_CACHED_DAYS) p.days.clear();
  p.days.set(key, result);
  return result;
}

/**
 * The local day a walk from `fromMs` begins on. A day's intervals may run into the next day, and
 * around a wall clock set back at midnight an instant's local date can be the day before the
 * one it falls in: starting two days earlier is always early enough (spans that end before
 * `fromMs` are skipped). Kept for the day, as the instants of one day mostly start walks.
 */
function walkStart(p: Prepared, fromMs: number): DateTime {
  const last = p.lastStart;
  if (last && fromMs >= last.from && fromMs < last.to) return last.walkFrom;
  const day = DateTime.fromMillis(fromMs, { zone: p.zone }).startOf('day');
  p.lastStart = { from: day.toMillis(), to: day.plus({ days: 1 }).toMillis(), walkFrom: day.minus({ days: 2 }) };
  return p.lastStart.walkFrom;
}

/**
 * The open spans of the calendar as [start, end) instants, disjoint and in order (overlapping
 * intervals merged, adjacent ones may follow each other), beginning with
 * the one that contains or follows `fromMs`. Lazy: callers stop when they have what they need.
 */
export function* openSpans(cal: BusinessCalendar, fromMs: number): Generator<[number, number]> {
  const p = prepare(cal);
  let day = walkStart(p, fromMs);
  let pending: [number, number] | undefined;
  for (let i = 0; i < HORIZON_DAYS; i++) {
    const { spans, next } = dayOf(p, day);
    for (const [s, e] of spans) {
      if (e <= fromMs) continue;
      // Only overlapping spans are merged: adjacent ones (24/7) are handed out a day at a time,
      // so a caller that needs a few hours never waits for the whole horizon.
      if (pending && s < pending[1]) {
        pending[1] = Math.max(pending[1], e);
      } else {
        if (pending) yield pending;
        pending = [s, e];
      }
    }
    day = next;
  }
  if (pending) yield pending;
}

/** Business time (ms) between two instants: the part of [fromMs, toMs) inside open hours. */
export function businessMsBetween(cal: BusinessCalendar, fromMs: number, toMs: number): number {
  return businessMsFrom(cal, fromMs)(toMs);
}

/**
 * Business time from one instant to many others (a queue page's due times, all from now): the
 * calendar's spans are walked once, as far as the furthest instant asked for, and kept.
 */
export function businessMsFrom(cal: BusinessCalendar, fromMs: number): (toMs: number) => number {
  const spans = openSpans(cal, fromMs);
  const walked: [number, number][] = [];
  let more = true;
  return (toMs) => {
    if (toMs <= fromMs) return 0;
    while (more && (walked.at(-1)?.[1] ?? Number.NEGATIVE_INFINITY) < toMs) {
      const next = spans.next();
      if (next.done) more = false;
      else walked.push(next.value);
    }
    let total = 0;
    for (const [s, e] of walked) {
      if (s >= toMs) break;
      total += Math.min(e, toMs) - Math.max(s, fromMs);
    }
    return total;
  };
}

/**
 * The instant at which `ms` of business time have passed since `startMs`, or null when the
 * calendar is not open that long within its horizon (a calendar with no opening hours).
 * Adding 0 gives `startMs` itself, even outside opening hours.
 */
export function addBusinessMs(cal: BusinessCalendar, startMs: number, ms: number): number | null {
  if (ms <= 0) return startMs;
  let remaining = ms;
  for (const [s, e] of openSpans(cal, startMs)) {
    const from = Math.max(s, startMs);
    const available = e - from;
    if (remaining <= available) return from + remaining;
    remaining -= available;
  }
  return null;
}

/** Whether the calendar is open at the instant. */
export function isOpenAt(cal: BusinessCalendar, ms: number): boolean {
  const first = openSpans(cal, ms).next();
  return !first.done && first.value[0] <= ms && ms < first.value[1];
}
