import { Writable } from 'node:stream';
import {
  slaCalendarResponseSchema,
  slaPolicyResponseSchema,
  slaReportResponseSchema,
  ticketDetailResponseSchema,
  ticketHistoryResponseSchema,
  ticketPageResponseSchema,
  ticketSlaResponseSchema,
} from '@helpdesk/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { openPostgres } from '../../db/client.js';
import { type JobDefinition, runJob } from '../../jobs/scheduler.js';
import { createLogger } from '../../lib/logger.js';
import { recomputeOpenTickets, runSlaAlerts } from './sla.service.js';

const data = <T extends { shape: { data: unknown } }>(schema: T) => schema.shape.data as T['shape']['data'];

/** Monday 5 January 2026, 09:00 UTC: the calendar below opens Monday–Friday 09:00–17:00 UTC. */
const MONDAY_9 = new Date('2026-01-05T09:00:00Z');
const at = (iso: string) => new Date(iso);

describe('service levels', () => {
  let clock = MONDAY_9;
  const t = useTestApp({}, { now: () => clock });
  let f: ReturnType<typeof factories>;
  let dept: { id: string };
  let other: { id: string };
  let customer: TestUser;
  let agent: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  let normal: string;
  let waiting: string;
  let calendarId: string;
  let policyId: string;

  beforeAll(async () => {
    f = factories(t.database);
    dept = await f.department();
    other = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    outsider = await f.user({ role: 'AGENT', departments: [other] });
    admin = await f.user({ role: 'ADMIN' });
    const rows = await t.database.query<{ id: string; name: string }>(
      `SELECT id, name FROM ticket_priorities WHERE name = 'Normal'
       UNION ALL SELECT id, name FROM ticket_statuses WHERE name = 'Waiting on Customer'`,
    );
    normal = rows.find((r) => r.name === 'Normal')?.id ?? '';
    waiting = rows.find((r) => r.name === 'Waiting on Customer')?.id ?? '';
  });

  const open = (subject = 'Printer on fire') =>
    api(t, customer).post('/api/tickets', { subject, description: 'Please help', departmentId: dept.id });
  const ticketOf = async (res: Awaited<ReturnType<typeof open>>) =>
    expectOk(res, data(ticketDetailResponseSchema), 201).ticket;
  const slaOf = async (id: string, who: TestUser = agent) =>
    expectOk(await api(t, who).get(`/api/tickets/${id}/sla`), data(ticketSlaResponseSchema));
  const queue = async (query: string, who: TestUser = agent) => {
    const res = await api(t, who).get(`/api/tickets?${query.includes('limit=') ? '' : 'limit=100&'}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return ticketPageResponseSchema.parse(res.json()).data;
  };

  it('only admins manage calendars and policies; bad input is a 400 and changes nothing', async () => {
    const body = {
      name: 'Office hours',
      timeZone: 'UTC',
      isDefault: true,
      hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
      holidays: [{ date: '2026-12-25', yearly: true }],
    };
    expectError(await api(t, agent).post('/api/sla/calendars', body), 403, 'FORBIDDEN');
    expectError(await api(t, customer).get('/api/sla/calendars'), 403, 'FORBIDDEN');
    expectError(await api(t, customer).get('/api/sla/policies'), 403, 'FORBIDDEN');
    const bad = expectError(
      await api(t, admin).post('/api/sla/calendars', { ...body, timeZone: 'Mars/Olympus' }),
      400,
      'VALIDATION_ERROR',
    );
    expect(bad.details?.[0]?.path).toBe('body.timeZone');
    expectError(
      await api(t, admin).post('/api/sla/calendars', { ...body, hours: [{ day: 8, start: '9', end: '17:00' }] }),
      400,
      'VALIDATION_ERROR',
    );
    expect(await t.database.query('SELECT 1 FROM sla_calendars')).toHaveLength(0);

    const cal = expectOk(await api(t, admin).post('/api/sla/calendars', body), data(slaCalendarResponseSchema), 201);
    calendarId = cal.id;
    expect(cal).toMatchObject({ name: 'Office hours', timeZone: 'UTC', isDefault: true, departmentIds: [] });
    expectError(await api(t, admin).post('/api/sla/calendars', body), 409, 'NAME_TAKEN');
    // A PATCH changes only what it sends.
    const renamed = expectOk(
      await api(t, admin).patch(`/api/sla/calendars/${cal.id}`, { name: 'Office hours (UTC)' }),
      data(slaCalendarResponseSchema),
    );
    expect(renamed).toMatchObject({ name: 'Office hours (UTC)', holidays: body.holidays, isDefault: true });
    expectError(
      await api(t, admin).patch(`/api/sla/calendars/${cal.id}`, { holidays: [{ date: '2026-02-30' }] }),
      400,
      'VALIDATION_ERROR',
    );

    const policy = {
      name: 'Support',
      departmentId: dept.id,
      calendarId,
      warningPercent: 80,
      targets: [{ priorityId: normal, firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 480 }],
    };
    expectError(await api(t, agent).post('/api/sla/policies', policy), 403, 'FORBIDDEN');
    expectError(
      await api(t, admin).post('/api/sla/policies', { ...policy, warningPercent: 120 }),
      400,
      'VALIDATION_ERROR',
    );
    const created = expectOk(await api(t, admin).post('/api/sla/policies', policy), data(slaPolicyResponseSchema), 201);
    policyId = created.id;
    expectError(await api(t, admin).post('/api/sla/policies', { ...policy, name: 'Another' }), 422, 'RULE_VIOLATION');
    // Agents may read them (the ticket sidebar names the policy).
    expect((await api(t, agent).get('/api/sla/policies')).statusCode).toBe(200);
  });

  it('sets due times on create; customers never see SLA data', async () => {
    clock = MONDAY_9;
    const ticket = await ticketOf(await open());
    const row = (await queue(`departmentId=${dept.id}`)).find((i) => i.id === ticket.id);
    expect(row?.sla).toEqual({
      state: 'ok',
      dueAt: '2026-01-05T10:00:00.000Z',
      dueKind: 'first_response',
      businessMinutesLeft: 60,
    });
    const sla = await slaOf(ticket.id);
    expect(sla?.policy.name).toBe('Support');
    expect(sla?.targets.map((x) => [x.kind, x.dueAt])).toEqual([
      ['first_response', '2026-01-05T10:00:00.000Z'],
      ['next_response', null],
      ['resolution', '2026-01-05T17:00:00.000Z'],
    ]);

    // Customers: no field in their queue or ticket, 403 on the SLA read and on SLA filters.
    const mine = await queue('', customer);
    expect(mine.find((i) => i.id === ticket.id)).not.toHaveProperty('sla');
    expectError(await api(t, customer).get(`/api/tickets/${ticket.id}/sla`), 403, 'FORBIDDEN');
    expectError(await api(t, customer).get('/api/tickets?sla=breached'), 403, 'FORBIDDEN');
    expectError(await api(t, customer).get('/api/tickets?sort=sla_due&order=asc'), 403, 'FORBIDDEN');
    // Staff of another department: 404 like any ticket they cannot see.
    expectError(await api(t, outsider).get(`/api/tickets/${ticket.id}/sla`), 404, 'NOT_FOUND');
  });

  it('a public reply meets the first response; an internal note does not', async () => {
    clock = MONDAY_9;
    const ticket = await ticketOf(await open());
    clock = at('2026-01-05T09:10:00Z');
    await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, { body: 'Looking (note)', isInternal: true });
    let sla = await slaOf(ticket.id);
    expect(sla?.dueKind).toBe('first_response');
    expect(sla?.targets[0]?.metAt).toBeNull();

    clock = at('2026-01-05T09:20:00Z');
    await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, { body: 'On it', isInternal: false });
    sla = await slaOf(ticket.id);
    expect(sla?.targets[0]).toMatchObject({ kind: 'first_response', state: 'met', metAt: '2026-01-05T09:20:00.000Z' });
    expect(sla).toMatchObject({ state: 'ok', dueKind: 'resolution', dueAt: '2026-01-05T17:00:00.000Z' });
  });

  it('waiting on customer pauses the clock; the customer’s answer resumes it and starts the next response', async () => {
    clock = MONDAY_9;
    const ticket = await ticketOf(await open());
    clock = at('2026-01-05T09:30:00Z');
    await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, { body: 'Which printer?', isInternal: false });
    clock = at('2026-01-05T10:00:00Z');
    const paused = await api(t, agent).patch(`/api/tickets/${ticket.id}`, { statusId: waiting, version: 1 });
    expect(paused.statusCode, paused.body).toBe(200);
    expect((await slaOf(ticket.id))?.state).toBe('paused');
    expect((await queue('sla=paused')).map((i) => i.id)).toContain(ticket.id);

    // A night and a morning pass: Monday 10:00 → Tuesday 10:00 is 8 business hours.
    clock = at('2026-01-06T10:00:00Z');
    await api(t, customer).post(`/api/tickets/${ticket.id}/messages`, { body: 'The big one', isInternal: false });
    const sla = await slaOf(ticket.id);
    expect(sla?.state).toBe('ok');
    // Resolution: Monday 09:00 + 8 h target + 8 h paused = Tuesday 17:00.
    expect(sla?.targets.find((x) => x.kind === 'resolution')?.dueAt).toBe('2026-01-06T17:00:00.000Z');
    // Next response: 30 business minutes after the customer's answer.
    expect(sla).toMatchObject({ dueKind: 'next_response', dueAt: '2026-01-06T10:30:00.000Z' });
    const detail = expectOk(await api(t, agent).get(`/api/tickets/${ticket.id}`), data(ticketDetailResponseSchema));
    expect(detail.ticket.status.name).not.toBe('Waiting on Customer');
  });

  it('warns and breaches once each, to the department while unassigned, with a staff-only history entry', async () => {
    await t.database.query('DELETE FROM ticket_sla');
    clock = MONDAY_9;
    const ticket = await ticketOf(await open('Alarm test'));
    const notes = async () =>
      (
        await t.database.query<{ type: string }>(
          `SELECT type FROM notifications WHERE ticket_id = $1 AND user_id = $2 AND type LIKE 'sla_%' ORDER BY created_at`,
          [ticket.id, agent.id],
        )
      ).map((n) => n.type);

    // 80 % of the 60-minute first response: 09:48.
    expect(await runSlaAlerts(t.database, at('2026-01-05T09:47:00Z'))).toEqual({ warnings: 0, breaches: 0 });
    expect(await runSlaAlerts(t.database, at('2026-01-05T09:48:00Z'))).toEqual({ warnings: 1, breaches: 0 });
    expect(await runSlaAlerts(t.database, at('2026-01-05T09:55:00Z'))).toEqual({ warnings: 0, breaches: 0 });
    expect(await notes()).toEqual(['sla_warning']);

    clock = at('2026-01-05T10:05:00Z');
    expect((await queue('sla=breached')).map((i) => i.id)).toEqual([ticket.id]);
    const cell = (await queue(`sla=breached`))[0]?.sla;
    expect(cell).toMatchObject({ state: 'breached', businessMinutesLeft: 0 });
    expect(await runSlaAlerts(t.database, clock)).toEqual({ warnings: 0, breaches: 1 });
    expect(await runSlaAlerts(t.database, clock)).toEqual({ warnings: 0, breaches: 0 });
    expect(await notes()).toEqual(['sla_warning', 'sla_breached']);

    const history = expectOk(
      await api(t, agent).get(`/api/tickets/${ticket.id}/history`),
      data(ticketHistoryResponseSchema),
    );
    expect(history.filter((h) => h.action.startsWith('sla_')).map((h) => h.action)).toEqual([
      'sla_warning',
      'sla_breached',
    ]);
    const seen = expectOk(
      await api(t, customer).get(`/api/tickets/${ticket.id}/history`),
      data(ticketHistoryResponseSchema),
    );
    expect(seen.some((h) => h.action.startsWith('sla_'))).toBe(false);
    const custNotes = await t.database.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND type LIKE 'sla_%'`, [
      customer.id,
    ]);
    expect(custNotes).toHaveLength(0);

    const report = expectOk(await api(t, agent).get('/api/sla/report?days=7'), data(slaReportResponseSchema));
    expect(report.breachesToday).toBe(1);
    expect(report.rows.find((r) => r.departmentId === dept.id)?.firstResponseBreached).toBeGreaterThan(0);
  });

  it('sorts by due soonest and filters by state with the same answer as the cells', async () => {
    await t.database.query('DELETE FROM ticket_sla');
    clock = MONDAY_9;
    const early = await ticketOf(await open('early'));
    clock = at('2026-01-05T09:30:00Z');
    const late = await ticketOf(await open('late'));
    clock = at('2026-01-05T10:15:00Z');
    const sorted = await queue('sort=sla_due&order=asc&limit=1');
    expect(sorted.map((i) => i.id)).toEqual([early.id]);
    const page2 = await api(t, agent).get('/api/tickets?sort=sla_due&order=asc&limit=1');
    const cursor = page2.json().meta.nextCursor as string;
    const next = await queue(`sort=sla_due&order=asc&limit=1&cursor=${encodeURIComponent(cursor)}`);
    expect(next.map((i) => i.id)).toEqual([late.id]);
    // 10:15: "early" (due 10:00) is breached, "late" (due 10:30, warning from 10:18) is ok.
    expect((await queue('sla=breached&sort=sla_due&order=asc')).map((i) => i.id)).toEqual([early.id]);
    expect((await queue('sla=ok')).map((i) => i.id)).toEqual([late.id]);
    clock = at('2026-01-05T10:20:00Z');
    expect((await queue('sla=warning')).map((i) => i.id)).toEqual([late.id]);
  });

  it('a policy change applies to new tickets; sla:recompute applies it to open ones (dry run first)', async () => {
    clock = MONDAY_9;
    const before = await ticketOf(await open('before the change'));
    const changed = await api(t, admin).patch(`/api/sla/policies/${policyId}`, {
      targets: [{ priorityId: normal, firstResponseMinutes: 120, nextResponseMinutes: 30, resolutionMinutes: 480 }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = await ticketOf(await open('after the change'));
    expect((await slaOf(before.id))?.targets[0]?.dueAt).toBe('2026-01-05T10:00:00.000Z');
    expect((await slaOf(after.id))?.targets[0]?.dueAt).toBe('2026-01-05T11:00:00.000Z');

    const dry = await recomputeOpenTickets(t.database, { dryRun: true, now: clock });
    expect(dry.changed).toBeGreaterThan(0);
    expect((await slaOf(before.id))?.targets[0]?.dueAt).toBe('2026-01-05T10:00:00.000Z');
    const real = await recomputeOpenTickets(t.database, { dryRun: false, now: clock });
    expect(real.changed).toBe(dry.changed);
    expect((await slaOf(before.id))?.targets[0]?.dueAt).toBe('2026-01-05T11:00:00.000Z');
    expect((await recomputeOpenTickets(t.database, { dryRun: false, now: clock })).changed).toBe(0);
  });

  it('a priority without a target has no clock; deleting the ticket removes its clock', async () => {
    clock = MONDAY_9;
    const ticket = await ticketOf(await open('no target'));
    const [urgent] = await t.database.query<{ id: string }>(`SELECT id FROM ticket_priorities WHERE name = 'Urgent'`);
    const res = await api(t, agent).patch(`/api/tickets/${ticket.id}`, { priorityId: urgent?.id, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(await slaOf(ticket.id)).toBeNull();
    const row = (await queue(`departmentId=${dept.id}`)).find((i) => i.id === ticket.id);
    expect(row).not.toHaveProperty('sla');
  });

  it('two instances running the alerts job at once notify exactly once', async () => {
    await t.database.query('DELETE FROM ticket_sla');
    clock = MONDAY_9;
    const ticket = await ticketOf(await open('Two instances'));
    const now = at('2026-01-05T16:00:00Z');
    // On PostgreSQL the second instance is another connection pool, as another process would be.
    const second = t.url ? openPostgres({ url: t.url, poolSize: 2 }) : t.database;
    const logger = createLogger(
      { logLevel: 'info', logFormat: 'json' },
      new Writable({
        write(_chunk, _enc, done) {
          done();
        },
      }),
    );
    const job: JobDefinition = {
      name: 'sla-alerts',
      lockKey: 40_109,
      cron: '* * * * *',
      run: async ({ database }) => ({ ...(await runSlaAlerts(database, now)) }),
    };
    try {
      const slot = new Date('2026-01-05T16:00:00Z');
      const outcomes = await Promise.all([
        runJob({ config: t.config, database: t.database, logger }, job, slot),
        runJob({ config: t.config, database: second, logger }, job, slot),
      ]);
      expect(outcomes.filter((o) => o === 'succeeded')).toHaveLength(1);
      // Without the job's lock too: the senders skip each other's locked rows and sla_alerts keeps one.
      const direct = await Promise.all([runSlaAlerts(t.database, now), runSlaAlerts(second, now)]);
      expect(direct.reduce((n, r) => n + r.breaches + r.warnings, 0)).toBe(0);
    } finally {
      if (second !== t.database) await second.close();
    }
    const sent = await t.database.query<{ type: string }>(
      `SELECT type FROM notifications WHERE ticket_id = $1 AND user_id = $2 AND type LIKE 'sla_%'`,
      [ticket.id, agent.id],
    );
    expect(sent.map((n) => n.type)).toEqual(['sla_breached']);
  });

  it('an agent of several departments gets the same due-time order and states as an admin, across a move', async () => {
    await t.database.query('DELETE FROM ticket_sla');
    const targets = (first: number) => [
      { priorityId: normal, firstResponseMinutes: first, nextResponseMinutes: 30, resolutionMinutes: 480 },
    ];
    const reset = await api(t, admin).patch(`/api/sla/policies/${policyId}`, { targets: targets(60) });
    expect(reset.statusCode, reset.body).toBe(200);
    // Every other department: first response within 30 minutes.
    expectOk(
      await api(t, admin).post('/api/sla/policies', { name: 'Everyone else', calendarId, targets: targets(30) }),
      data(slaPolicyResponseSchema),
      201,
    );
    const both = await f.user({ role: 'AGENT', departments: [dept, other] });
    const openIn = async (departmentId: string, subject: string, when: string) => {
      clock = at(when);
      const res = await api(t, customer).post('/api/tickets', { subject, description: 'Help', departmentId });
      return ticketOf(res);
    };
    const a = await openIn(dept.id, 'a', '2026-01-05T09:00:00Z'); // due 10:00
    const c = await openIn(dept.id, 'c', '2026-01-05T09:10:00Z'); // due 10:10, warning from 09:58
    const b = await openIn(other.id, 'b', '2026-01-05T09:15:00Z'); // due 09:45
    const d = await openIn(other.id, 'd', '2026-01-05T09:45:00Z'); // due 10:15, warning from 10:09
    clock = at('2026-01-05T10:05:00Z');
    const ids = async (query: string, who: TestUser) => (await queue(query, who)).map((i) => i.id);
    /** Every page of `query` with `limit` rows, following the cursors. */
    const paged = async (query: string, who: TestUser, limit: number) => {
      const out: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await api(t, who).get(
          `/api/tickets?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        const page = ticketPageResponseSchema.parse(res.json());
        out.push(...page.data.map((i) => i.id));
        cursor = page.meta.nextCursor;
      } while (cursor && out.length < 20);
      return out;
    };

    // The same order for the agent of both departments (one walk each, merged) and the admin (one walk).
    for (const who of [both, admin]) {
      expect(await ids('sort=sla_due&order=asc', who)).toEqual([b.id, a.id, c.id, d.id]);
      expect(await ids('sort=sla_due&order=desc', who)).toEqual([d.id, c.id, a.id, b.id]);
      expect(await paged('sort=sla_due&order=asc', who, 1)).toEqual([b.id, a.id, c.id, d.id]);
      expect(await paged('sort=sla_due&order=desc', who, 3)).toEqual([d.id, c.id, a.id, b.id]);
      expect(await ids('sla=breached&sort=sla_due&order=asc', who)).toEqual([b.id, a.id]);
      // The state filters in the default order (newest first) agree with the cells.
      const breached = await queue('sla=breached', who);
      expect(breached.map((i) => i.id)).toEqual([b.id, a.id]);
      expect(breached.every((i) => i.sla?.state === 'breached')).toBe(true);
      expect(await ids('sla=warning', who)).toEqual([c.id]);
      expect(await ids('sla=ok', who)).toEqual([d.id]);
      expect(await ids(`sort=sla_due&order=asc&departmentId=${other.id}`, who)).toEqual([b.id, d.id]);
      expect(await ids(`sla=breached&departmentId=${dept.id}`, who)).toEqual([a.id]);
    }
    // Agents of one department see only theirs, also when asking for another one.
    expect(await ids('sort=sla_due&order=asc', agent)).toEqual([a.id, c.id]);
    expect(await ids('sort=sla_due&order=asc', outsider)).toEqual([b.id, d.id]);
    expect(await ids(`sort=sla_due&order=asc&departmentId=${other.id}`, agent)).toEqual([]);
    expect(await ids(`sla=breached&departmentId=${other.id}`, agent)).toEqual([]);

    // Moved to the other department: its clock follows (the other policy: due 09:40, breached).
    const moved = await api(t, admin).patch(`/api/tickets/${c.id}`, { departmentId: other.id, version: 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await ids('sort=sla_due&order=asc', agent)).toEqual([a.id]);
    expect(await ids('sort=sla_due&order=asc', outsider)).toEqual([c.id, b.id, d.id]);
    expect(await ids('sla=breached', outsider)).toEqual([b.id, c.id]); // newest first
    expect(await ids('sort=sla_due&order=asc', both)).toEqual([c.id, b.id, a.id, d.id]);
    expect(await ids('sort=sla_due&order=asc', admin)).toEqual([c.id, b.id, a.id, d.id]);
    const stray = await t.database.query(
      'SELECT 1 FROM ticket_sla ts JOIN tickets t ON t.id = ts.ticket_id WHERE ts.department_id <> t.department_id',
    );
    expect(stray).toHaveLength(0);
  });
});
