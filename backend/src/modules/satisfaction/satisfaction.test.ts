import {
  ratingLinkIssuedSchema,
  ratingLinkSchema,
  satisfactionSummarySchema,
  ticketListItemSchema,
  ticketSatisfactionSchema,
} from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';

const DAY = 86_400_000;
// The service's clock (AppDeps.now): moved forward by tests, never slept on.
let clock = Date.now();
const advance = (days: number) => {
  clock += days * DAY;
};

describe('satisfaction ratings', () => {
  const t = useTestApp({}, { now: () => new Date(clock) });
  const statuses: Record<string, string> = {};

  beforeAll(async () => {
    const result = await t.database.db.execute(sql`SELECT id, name FROM ticket_statuses`);
    for (const row of (result as unknown as { rows: { id: string; name: string }[] }).rows) statuses[row.name] = row.id;
  });

  /** A customer's open ticket in a department with an agent (and the ticket's current version). */
  async function setup() {
    const f = factories(t.database);
    const dept = await f.department();
    const customer = await f.user();
    const agent = await f.user({ role: 'AGENT', departments: [dept] });
    const ticket = await f.ticket({ customer, department: dept, assignee: agent });
    return { f, dept, customer, agent, ticket: { ...ticket, version: ticket.version } };
  }

  async function setStatus(who: TestUser, ticket: { id: string; version: number }, status: string) {
    const res = await api(t, who).patch(`/api/tickets/${ticket.id}`, {
      version: ticket.version,
      statusId: statuses[status],
    });
    expect(res.statusCode, res.body).toBe(200);
    ticket.version += 1;
  }

  const read = async (who: TestUser, id: string) =>
    expectOk(await api(t, who).get(`/api/tickets/${id}/satisfaction`), ticketSatisfactionSchema);

  async function link(customer: TestUser, id: string) {
    const issued = expectOk(
      await api(t, customer).post(`/api/tickets/${id}/satisfaction/link`),
      ratingLinkIssuedSchema,
    );
    expect(issued.path).toMatch(/^\/rate\?token=[\w-]{43}$/);
    return issued.path.slice('/rate?token='.length);
  }

  it('asks the customer when the ticket is resolved; the customer rates and changes it within 7 days', async () => {
    const { customer, agent, ticket } = await setup();
    expect((await read(customer, ticket.id)).ratings).toEqual([]);
    expectError(
      await api(t, customer).put(`/api/tickets/${ticket.id}/satisfaction`, { rating: 'good' }),
      422,
      'RATING_NOT_REQUESTED',
    );

    await setStatus(agent, ticket, 'Resolved');
    const asked = await read(customer, ticket.id);
    expect(asked.canRate).toBe(true);
    expect(asked.ratings).toMatchObject([{ rating: null, comment: null, isCurrent: true }]);

    const rated = expectOk(
      await api(t, customer).put(`/api/tickets/${ticket.id}/satisfaction`, {
        rating: 'bad',
        comment: ' Slow <b>x</b> ',
      }),
      ticketSatisfactionSchema,
    );
    expect(rated.ratings[0]).toMatchObject({ rating: 'bad', comment: 'Slow <b>x</b>' });
    const ratedAt = rated.ratings[0]?.ratedAt as string;

    advance(6);
    const changed = expectOk(
      await api(t, customer).put(`/api/tickets/${ticket.id}/satisfaction`, { rating: 'good' }),
      ticketSatisfactionSchema,
    );
    // Changing keeps when it was first given; the comment is replaced.
    expect(changed.ratings[0]).toMatchObject({ rating: 'good', comment: null, ratedAt });

    advance(1);
    expectError(
      await api(t, customer).put(`/api/tickets/${ticket.id}/satisfaction`, { rating: 'bad' }),
      422,
      'RATING_LOCKED',
    );
    expect((await read(customer, ticket.id)).canRate).toBe(false);
    // Staff see the rating.
    expect((await read(agent, ticket.id)).ratings[0]).toMatchObject({ rating: 'good' });
  });

  it('refuses bad input, staff and other customers', async () => {
    const { f, customer, agent, ticket } = await setup();
    await setStatus(customer, ticket, 'Closed');
    for (const body of [
      {},
      { rating: 'meh' },
      { rating: 'good', comment: 'x'.repeat(2001) },
      { rating: 'good', x: 1 },
    ]) {
      expectError(await api(t, customer).put(`/api/tickets/${ticket.id}/satisfaction`, body), 400, 'VALIDATION_ERROR');
    }
    expectError(await api(t, customer).get('/api/tickets/not-a-ticket/satisfaction'), 400, 'VALIDATION_ERROR');

    expectError(
      await api(t, agent).put(`/api/tickets/${ticket.id}/satisfaction`, { rating: 'good' }),
      403,
      'FORBIDDEN',
    );
    expectError(await api(t, agent).post(`/api/tickets/${ticket.id}/satisfaction/link`), 403, 'FORBIDDEN');
    const admin = await f.user({ role: 'ADMIN' });
    expectError(
      await api(t, admin).put(`/api/tickets/${ticket.id}/satisfaction`, { rating: 'good' }),
      403,
      'FORBIDDEN',
    );

    const other = await f.user();
    expectError(await api(t, other).get(`/api/tickets/${ticket.id}/satisfaction`), 404, 'NOT_FOUND');
    expectError(
      await api(t, other).put(`/api/tickets/${ticket.id}/satisfaction`, { rating: 'good' }),
      404,
      'NOT_FOUND',
    );
    expectError(await api(t, other).post(`/api/tickets/${ticket.id}/satisfaction/link`), 404, 'NOT_FOUND');
    const otherAgent = await f.user({ role: 'AGENT', departments: [await f.department()] });
    expectError(await api(t, otherAgent).get(`/api/tickets/${ticket.id}/satisfaction`), 404, 'NOT_FOUND');
    expect((await api(t).get(`/api/tickets/${ticket.id}/satisfaction`)).statusCode).toBe(401);
    // Nothing was written by the refused requests.
    expect((await read(customer, ticket.id)).ratings[0]?.rating).toBeNull();
  });

  it('rates through a single-use link without signing in', async () => {
    const { customer, agent, ticket } = await setup();
    await setStatus(agent, ticket, 'Resolved');
    const token = await link(customer, ticket.id);
    const info = expectOk(await api(t).post('/api/satisfaction/link', { token }), ratingLinkSchema);
    expect(info).toEqual({ ticketNumber: ticket.number, rating: null, comment: null });
    // Never the ticket's text on the public page.
    expect(JSON.stringify((await api(t).post('/api/satisfaction/link', { token })).json())).not.toContain('Ticket ');

    const rated = expectOk(
      await api(t).post('/api/satisfaction/rate', { token, rating: 'good', comment: 'Thanks' }),
      ratingLinkSchema,
    );
    expect(rated).toEqual({ ticketNumber: ticket.number, rating: 'good', comment: 'Thanks' });
    expect((await read(agent, ticket.id)).ratings[0]).toMatchObject({ rating: 'good', comment: 'Thanks' });

    // Used up.
    expectError(await api(t).post('/api/satisfaction/rate', { token, rating: 'bad' }), 400, 'INVALID_RATING_LINK');
    expectError(await api(t).post('/api/satisfaction/link', { token }), 400, 'INVALID_RATING_LINK');
    // Malformed and unknown tokens.
    expectError(
      await api(t).post('/api/satisfaction/rate', { token: 'short', rating: 'bad' }),
      400,
      'VALIDATION_ERROR',
    );
    expectError(
      await api(t).post('/api/satisfaction/rate', { token: 'A'.repeat(43), rating: 'bad' }),
      400,
      'INVALID_RATING_LINK',
    );
  });

  it('refuses a link once it expired, once a newer link was made, and after a newer resolution', async () => {
    const { customer, agent, ticket } = await setup();
    await setStatus(agent, ticket, 'Resolved');
    const first = await link(customer, ticket.id);
    const second = await link(customer, ticket.id);
    expectError(
      await api(t).post('/api/satisfaction/rate', { token: first, rating: 'good' }),
      400,
      'INVALID_RATING_LINK',
    );

    advance(7);
    expectError(
      await api(t).post('/api/satisfaction/rate', { token: second, rating: 'good' }),
      400,
      'INVALID_RATING_LINK',
    );

    const third = await link(customer, ticket.id);
    // Reopened and resolved again: a new request; the old resolution's link no longer works.
    await setStatus(customer, ticket, 'Open');
    await setStatus(agent, ticket, 'Closed');
    expectError(
      await api(t).post('/api/satisfaction/rate', { token: third, rating: 'good' }),
      400,
      'INVALID_RATING_LINK',
    );
    const now = await read(customer, ticket.id);
    expect(now.ratings.map((r) => r.isCurrent)).toEqual([true, false]);
    expect(now.canRate).toBe(true);

    // The link of one ticket rates only that ticket's resolution.
    const other = await setup();
    await setStatus(other.agent, other.ticket, 'Resolved');
    const otherToken = await link(other.customer, other.ticket.id);
    expectOk(await api(t).post('/api/satisfaction/rate', { token: otherToken, rating: 'bad' }), ratingLinkSchema);
    expect((await read(customer, ticket.id)).ratings[0]?.rating).toBeNull();
    expect((await read(other.customer, other.ticket.id)).ratings[0]?.rating).toBe('bad');
  });

  it('asks again after a bulk close, and filters the queue by rating', async () => {
    const { f, dept, customer, agent, ticket } = await setup();
    const second = await f.ticket({ customer, department: dept });
    const third = await f.ticket({ customer, department: dept });
    const open = await f.ticket({ customer, department: dept });
    const res = await api(t, agent).post('/api/tickets/bulk', {
      ticketIds: [ticket.id, second.id, third.id],
      changes: { statusId: statuses.Resolved },
    });
    expect(res.statusCode, res.body).toBe(200);
    await api(t, customer).put(`/api/tickets/${ticket.id}/satisfaction`, { rating: 'good' });
    await api(t, customer).put(`/api/tickets/${second.id}/satisfaction`, { rating: 'bad' });

    const queue = async (rating: string) => {
      const page = await api(t, agent).get(`/api/tickets?departmentId=${dept.id}&rating=${rating}`);
      return expectOk(page, z.array(ticketListItemSchema)).map((x) => x.id);
    };
    expect(await queue('good')).toEqual([ticket.id]);
    expect(await queue('bad')).toEqual([second.id]);
    expect(await queue('none')).toEqual([third.id]);
    expect(await queue('none')).not.toContain(open.id);
    expectError(await api(t, agent).get('/api/tickets?rating=great'), 400, 'VALIDATION_ERROR');

    // A rated ticket can still be deleted; its ratings go with it.
    const admin = await f.user({ role: 'ADMIN' });
    expect((await api(t, admin).delete(`/api/tickets/${second.id}`)).statusCode).toBe(200);
    expect(await queue('bad')).toEqual([]);
  });

  it('sums CSAT by department and agent over 7 and 30 days, for the departments the reader sees', async () => {
    const f = factories(t.database);
    const dept = await f.department({ name: `CSAT ${Date.now()}` });
    const hidden = await f.department();
    const agent = await f.user({ role: 'AGENT', departments: [dept] });
    const customer = await f.user();
    const rate = async (department: { id: string }, rating: 'good' | 'bad', comment?: string, assignee = agent) => {
      const tk = { ...(await f.ticket({ customer, department, assignee })) };
      const closer = department === dept ? agent : await f.user({ role: 'ADMIN' });
      await setStatus(closer, tk, 'Resolved');
      await api(t, customer).put(`/api/tickets/${tk.id}/satisfaction`, { rating, comment });
      return tk;
    };
    await rate(dept, 'bad', 'Old complaint');
    advance(10);
    const good = await rate(dept, 'good', 'Very helpful');
    await rate(dept, 'good');
    await rate(hidden, 'bad', 'Hidden comment');

    const summary = expectOk(await api(t, agent).get('/api/satisfaction/summary'), satisfactionSummarySchema);
    expect(summary.overall.last7Days).toEqual({ good: 2, bad: 0, percent: 100 });
    expect(summary.overall.last30Days).toEqual({ good: 2, bad: 1, percent: 66.7 });
    expect(summary.byDepartment.map((d) => d.department.id)).toEqual([dept.id]);
    expect(summary.byAgent).toEqual([
      {
        agent: { id: agent.id, name: agent.name },
        last7Days: summary.overall.last7Days,
        last30Days: summary.overall.last30Days,
      },
    ]);
    expect(summary.latestComments.map((c) => c.comment)).toEqual(['Very helpful', 'Old complaint']);
    expect(summary.latestComments[0]).toMatchObject({ ticketId: good.id, ticketNumber: good.number, rating: 'good' });

    advance(25);
    const later = expectOk(await api(t, agent).get('/api/satisfaction/summary'), satisfactionSummarySchema);
    expect(later.overall.last30Days).toEqual({ good: 2, bad: 0, percent: 100 });
    expect(later.overall.last7Days).toEqual({ good: 0, bad: 0, percent: null });

    expectError(await api(t, customer).get('/api/satisfaction/summary'), 403, 'FORBIDDEN');
    // An agent of no department sees no ratings.
    const loner = await f.user({ role: 'AGENT' });
    const none = expectOk(await api(t, loner).get('/api/satisfaction/summary'), satisfactionSummarySchema);
    expect(none).toMatchObject({ byDepartment: [], byAgent: [], latestComments: [] });
    // An agent-like role without reports.view.
    await t.database.db.execute(
      sql`INSERT INTO roles (name, permissions) VALUES ('NO_REPORTS', '["tickets.view_department"]'::jsonb)`,
    );
    const noReports = await f.user({ role: 'NO_REPORTS', departments: [dept] });
    expectError(await api(t, noReports).get('/api/satisfaction/summary'), 403, 'FORBIDDEN');
  });
});

describe('satisfaction rating links, rate-limited', () => {
  const t = useTestApp({ RATE_LIMIT_RATINGS_IP: '2' });

  it('counts each use of a rating link per address, like the other public writes', async () => {
    const use = (remoteAddress: string) =>
      api(t).post('/api/satisfaction/rate', { token: 'B'.repeat(43), rating: 'good' }, { remoteAddress });
    expectError(await use('10.36.0.1'), 400, 'INVALID_RATING_LINK');
    expectError(await use('10.36.0.1'), 400, 'INVALID_RATING_LINK');
    expectError(await use('10.36.0.1'), 429, 'RATE_LIMITED');
    expectError(await use('10.36.0.2'), 400, 'INVALID_RATING_LINK');
  });
});
