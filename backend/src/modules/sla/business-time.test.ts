import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  ALWAYS_OPEN,
  addBusinessMs,
  type BusinessCalendar,
  businessMsBetween,
  isOpenAt,
  openSpans,
  type Weekday,
} from './business-time.js';

const H = 3_600_000;
const MIN = 60_000;

const weekdays = (start: string, end: string, days: Weekday[] = [1, 2, 3, 4, 5]) =>
  days.map((day) => ({ day, start, end }));

const office = (timeZone: string, holidays: BusinessCalendar['holidays'] = []): BusinessCalendar => ({
  timeZone,
  hours: weekdays('09:00', '17:00'),
  holidays,
});

/** An instant given as local wall-clock time in a zone. */
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const show = (ms: number | null, zone: string) =>
  ms === null ? null : DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

describe('business time: named cases', () => {
  it('a ticket created outside hours starts the clock at the next opening', () => {
    const cal = office('Europe/Berlin');
    // Friday 18:00 + 2 h → Monday 11:00.
    const due = addBusinessMs(cal, local('2026-01-09T18:00', 'Europe/Berlin'), 2 * H);
    expect(show(due, 'Europe/Berlin')).toBe('2026-01-12T11:00');
  });

  it('a target longer than a day runs over nights and weekends', () => {
    const cal = office('America/New_York');
    // Thursday 15:00 + 10 h: 2 h Thursday, 8 h Friday → Friday 17:00 exactly.
    expect(show(addBusinessMs(cal, local('2026-01-08T15:00', 'America/New_York'), 10 * H), 'America/New_York')).toBe(
      '2026-01-09T17:00',
    );
    // + 11 h → Monday 10:00.
    expect(show(addBusinessMs(cal, local('2026-01-08T15:00', 'America/New_York'), 11 * H), 'America/New_York')).toBe(
      '2026-01-12T10:00',
    );
  });

  it('spring forward: a 24/7 day of 23 hours counts 23 business hours', () => {
    const cal = { timeZone: 'Europe/Berlin', ...ALWAYS_OPEN };
    const day = local('2026-03-29T00:00', 'Europe/Berlin');
    const next = local('2026-03-30T00:00', 'Europe/Berlin');
    expect(businessMsBetween(cal, day, next)).toBe(23 * H);
  });

  it('fall back: an opening interval spanning the repeated hour lasts one hour longer', () => {
    const cal: BusinessCalendar = {
      timeZone: 'America/St_Johns',
      hours: weekdays('00:00', '04:00', [7]),
      holidays: [],
    };
    // 1 November 2026: clocks in St John's go back from 02:00 NDT to 01:00 NST.
    const sunday = local('2026-11-01T00:00', 'America/St_Johns');
    expect(businessMsBetween(cal, sunday, sunday + 24 * H)).toBe(5 * H);
  });

  it('spring forward inside opening hours: 09:00–17:00 with a missing hour is 7 real hours', () => {
    // Pacific/Auckland moves from 02:00 to 03:00 on 27 September 2026 (a Sunday); open 00:00–08:00 Sundays.
    const cal: BusinessCalendar = {
      timeZone: 'Pacific/Auckland',
      hours: weekdays('00:00', '08:00', [7]),
      holidays: [],
    };
    const sunday = local('2026-09-27T00:00', 'Pacific/Auckland');
    expect(businessMsBetween(cal, sunday, sunday + 24 * H)).toBe(7 * H);
  });

  it('intervals crossing midnight belong to the day they start on', () => {
    const cal: BusinessCalendar = { timeZone: 'Asia/Kathmandu', hours: weekdays('22:00', '06:00', [1]), holidays: [] };
    // Monday 22:00 – Tuesday 06:00 local (UTC+05:45).
    const start = local('2026-01-05T21:00', 'Asia/Kathmandu');
    expect(show(addBusinessMs(cal, start, 3 * H), 'Asia/Kathmandu')).toBe('2026-01-06T01:00');
    expect(businessMsBetween(cal, start, local('2026-01-06T12:00', 'Asia/Kathmandu'))).toBe(8 * H);
    expect(isOpenAt(cal, local('2026-01-06T05:59', 'Asia/Kathmandu'))).toBe(true);
    expect(isOpenAt(cal, local('2026-01-06T06:00', 'Asia/Kathmandu'))).toBe(false);
  });

  it('overlapping intervals are merged, not counted twice', () => {
    const cal: BusinessCalendar = {
      timeZone: 'UTC',
      hours: [
        { day: 1, start: '20:00', end: '04:00' },
        { day: 2, start: '00:00', end: '08:00' },
      ],
      holidays: [],
    };
    const mon = local('2026-01-05T00:00', 'UTC');
    expect(businessMsBetween(cal, mon, mon + 3 * 24 * H)).toBe(12 * H);
    expect([...take(openSpans(cal, mon), 1)]).toEqual([[mon + 20 * H, mon + 32 * H]]);
  });

  it('a single holiday closes that local date only', () => {
    const cal = office('Europe/Berlin', [{ date: '2026-12-24', yearly: false }]);
    // Wednesday 23 Dec 16:00 + 2 h: 1 h Wednesday, the 24th is closed, 1 h on Friday the 25th.
    expect(show(addBusinessMs(cal, local('2026-12-23T16:00', 'Europe/Berlin'), 2 * H), 'Europe/Berlin')).toBe(
      '2026-12-25T10:00',
    );
    // The same date a year later is open again.
    expect(isOpenAt(cal, local('2027-12-24T10:00', 'Europe/Berlin'))).toBe(true);
  });

  it('a yearly holiday repeats every year', () => {
    const cal = office('Europe/Berlin', [{ date: '2020-12-25', yearly: true }]);
    for (const year of [2026, 2027, 2030]) {
      const day = DateTime.fromObject({ year, month: 12, day: 25, hour: 10 }, { zone: 'Europe/Berlin' });
      expect(isOpenAt(cal, day.toMillis())).toBe(false);
    }
  });

  it('a holiday cuts the part of a midnight-crossing interval that falls on it', () => {
    const cal: BusinessCalendar = {
      timeZone: 'UTC',
      hours: weekdays('20:00', '04:00', [4]),
      holidays: [{ date: '2026-01-02', yearly: false }],
    };
    // Thursday 1 Jan 20:00 – Friday 2 Jan 04:00, but the 2nd is a holiday: 4 h remain.
    const thu = local('2026-01-01T00:00', 'UTC');
    expect(businessMsBetween(cal, thu, thu + 2 * 24 * H)).toBe(4 * H);
  });

  it('leap days: a yearly 29 February holiday is closed in leap years, the date is counted normally', () => {
    const cal = office('UTC', [{ date: '2024-02-29', yearly: true }]);
    expect(isOpenAt(cal, local('2028-02-29T10:00', 'UTC'))).toBe(false);
    // 2027 has no 29 February; 1 March 2027 (a Monday) is open.
    expect(isOpenAt(cal, local('2027-03-01T10:00', 'UTC'))).toBe(true);
    // Monday 28 Feb 2028 16:00 + 2 h skips the 29th → Wednesday 1 March 10:00.
    expect(show(addBusinessMs(cal, local('2028-02-28T16:00', 'UTC'), 2 * H), 'UTC')).toBe('2028-03-01T10:00');
  });

  it('zones far from the server: Auckland and Kathmandu weekday hours', () => {
    const akl = office('Pacific/Auckland');
    // Monday 09:00 in Auckland is Sunday 20:00 UTC (NZDT, UTC+13).
    const mon = local('2026-01-05T09:00', 'Pacific/Auckland');
    expect(new Date(mon).toISOString()).toBe('2026-01-04T20:00:00.000Z');
    expect(show(addBusinessMs(akl, mon, 8 * H + 30 * MIN), 'Pacific/Auckland')).toBe('2026-01-06T09:30');
    const ktm = office('Asia/Kathmandu');
    expect(show(addBusinessMs(ktm, local('2026-01-05T16:45', 'Asia/Kathmandu'), 30 * MIN), 'Asia/Kathmandu')).toBe(
      '2026-01-06T09:15',
    );
  });

  it('a calendar that is never open has no due time', () => {
    const cal: BusinessCalendar = { timeZone: 'UTC', hours: [], holidays: [] };
    expect(addBusinessMs(cal, Date.UTC(2026, 0, 1), H)).toBeNull();
    expect(businessMsBetween(cal, Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1))).toBe(0);
  });

  it('adding nothing is the start itself, even outside hours', () => {
    const start = local('2026-01-10T03:00', 'UTC');
    expect(addBusinessMs(office('UTC'), start, 0)).toBe(start);
  });
});

function* take<T>(it: Iterable<T>, n: number): Generator<T> {
  let i = 0;
  for (const v of it) {
    if (i++ >= n) return;
    yield v;
  }
}

// ---------------------------------------------------------------------------------------------
// Properties

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Pacific/Auckland',
  'America/Los_Angeles',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const interval = fc.record({
  day: fc.integer({ min: 1, max: 7 }) as fc.Arbitrary<Weekday>,
  start: hhmm,
  end: fc.oneof(hhmm, fc.constant('24:00')),
});
const holiday = fc.record({
  date: fc
    .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  yearly: fc.boolean(),
});
const calendar: fc.Arbitrary<BusinessCalendar> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  hours: fc.array(interval, { minLength: 1, maxLength: 8 }),
  holidays: fc.array(holiday, { maxLength: 6 }),
});
// Instants around DST changes of 2025–2027 in both hemispheres.
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) });
const duration = fc.integer({ min: 1, max: 60 * H });

describe('business time: properties', () => {
  it('adding d then measuring from the start gives d back', () => {
    fc.assert(
      fc.property(calendar, instant, duration, (cal, start, d) => {
        const due = addBusinessMs(cal, start, d);
        fc.pre(due !== null);
        expect(businessMsBetween(cal, start, due as number)).toBe(d);
        // And the due time is the earliest such instant: a moment earlier, d was not yet reached.
        expect(businessMsBetween(cal, start, (due as number) - 1)).toBe(d - 1);
      }),
      { numRuns: 300 },
    );
  });

  it('business time is additive over a split point and never exceeds wall time', () => {
    fc.assert(
      fc.property(calendar, instant, fc.nat(20 * 24 * H), fc.nat(20 * 24 * H), (cal, a, x, y) => {
        const b = a + x;
        const c = b + y;
        const ab = businessMsBetween(cal, a, b);
        expect(ab + businessMsBetween(cal, b, c)).toBe(businessMsBetween(cal, a, c));
        expect(ab).toBeLessThanOrEqual(x);
      }),
      { numRuns: 200 },
    );
  });

  it('adding is monotonic and composes: add(add(s, a), b) = add(s, a + b)', () => {
    fc.assert(
      fc.property(calendar, instant, duration, duration, (cal, s, a, b) => {
        const first = addBusinessMs(cal, s, a);
        const both = addBusinessMs(cal, s, a + b);
        fc.pre(first !== null && both !== null);
        expect(both as number).toBeGreaterThanOrEqual(first as number);
        // Adding more after a due time that ends exactly at closing may land at the next opening:
        // same business time, so measure rather than compare instants.
        const chained = addBusinessMs(cal, first as number, b);
        expect(businessMsBetween(cal, s, chained as number)).toBe(a + b);
      }),
      { numRuns: 200 },
    );
  });

  it('pauses: any number of paused stretches push the due time by exactly their business time', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        duration,
        fc.array(fc.tuple(fc.nat(5 * 24 * H), fc.nat(3 * 24 * H)), { maxLength: 6 }),
        (cal, start, target, gaps) => {
          // Pauses laid one after the other from the start: [p0, r0), [p1, r1), …
          let t = start;
          let paused = 0;
          for (const [wait, length] of gaps) {
            const p = t + wait;
            const r = p + length;
            paused += businessMsBetween(cal, p, r);
            t = r;
          }
          const due = addBusinessMs(cal, start, target + paused);
          fc.pre(due !== null);
          // Running business time from the start, minus the paused stretches, is the target.
          expect(businessMsBetween(cal, start, due as number) - paused).toBe(target);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('24/7 business time equals wall time in every zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, fc.nat(40 * 24 * H), (zone, s, d) => {
        const cal = { timeZone: zone, ...ALWAYS_OPEN };
        expect(businessMsBetween(cal, s, s + d)).toBe(d);
        expect(addBusinessMs(cal, s, d)).toBe(s + d);
      }),
      { numRuns: 200 },
    );
  });

  it('a calendar that has worked out its days before answers as a fresh copy of it does', () => {
    fc.assert(
      fc.property(calendar, fc.array(fc.tuple(instant, duration), { minLength: 2, maxLength: 8 }), (cal, asks) => {
        // The same calendar object keeps the local days it walked: later asks reuse them.
        const warm = asks.map(([s, d]) => addBusinessMs(cal, s, d));
        const cold = asks.map(([s, d]) => addBusinessMs(structuredClone(cal), s, d));
        expect(warm).toEqual(cold);
      }),
      { numRuns: 150 },
    );
  });

  it('open spans are ordered, disjoint, non-empty and never on a holiday', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, s) => {
        let prevEnd = Number.NEGATIVE_INFINITY;
        for (const [a, b] of take(openSpans(cal, s), 30)) {
          expect(a).toBeLessThan(b);
          expect(a).toBeGreaterThanOrEqual(prevEnd);
          prevEnd = b;
          const mid = DateTime.fromMillis(a + Math.floor((b - a) / 2), { zone: cal.timeZone });
          const iso = mid.toISODate() ?? '';
          const closed = cal.holidays.some((h) => (h.yearly ? h.date.slice(5) === iso.slice(5) : h.date === iso));
          expect(closed).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});
