import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { testDriver } from '../../../test/test-database.js';
import { type NotifiedTicket, ticketNotifications } from './notifications.service.js';

type Item = { id: string; type: string; ticketNumber: number | null; isRead: boolean };

describe(`notifications page: filters and opening a ticket (${testDriver})`, () => {
  const t = useTestApp();
  let agent: TestUser;
  let colleague: TestUser;
  let first: NotifiedTicket;
  let second: NotifiedTicket;

  beforeAll(async () => {
    const f = factories(t.database);
    const dept = await f.department();
    const customer = await f.user({ role: 'CUSTOMER' });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    colleague = await f.user({ role: 'AGENT', departments: [dept] });
    const ticketOf = async (subject: string): Promise<NotifiedTicket> => ({
      ...(await f.ticket({ customer, department: dept, subject, assignee: agent })),
      subject,
      customerId: customer.id,
      departmentId: dept.id,
      assignedToId: agent.id,
    });
    first = await ticketOf('First');
    second = await ticketOf('Second');
    // On the first ticket: 3 customer replies and an assignment; on the second: 2 customer replies.
    for (const [ticket, n] of [
      [first, 3],
      [second, 2],
    ] as const) {
      for (let i = 0; i < n; i++) {
        await ticketNotifications.messageAdded(t.database.db, ticket, customer.id, {
          body: `r${i}`,
          isInternal: false,
        });
      }
    }
    await ticketNotifications.ticketAssigned(t.database.db, first, colleague.id);
    // The colleague has a mention on the first ticket: opening it as the agent leaves that alone.
    await ticketNotifications.messageAdded(t.database.db, { ...first, assignedToId: null }, agent.id, {
      body: `@${colleague.email.split('@')[0]} look`,
      isInternal: true,
    });
  });

  const list = async (who: TestUser, query: string): Promise<{ data: Item[]; meta: { nextCursor: string | null } }> => {
    const res = await api(t, who).get(`/api/notifications?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('pages through notifications of one millisecond without skipping or repeating any', async () => {
    const reader = await factories(t.database).user({ role: 'AGENT' });
    // Three rows microseconds apart: a cursor of milliseconds would skip the earlier two.
    for (const us of ['300', '200', '100']) {
      await t.database.query(
        `INSERT INTO notifications (user_id, type, title, created_at)
         VALUES ($1, 'customer_reply', $2, ('2026-01-05 09:00:00.123' || $3 || '+00')::timestamptz)`,
        [reader.id, `n${us}`, us],
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: { data: Item[]; meta: { nextCursor: string | null } } = await list(
        reader,
        `limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.data.map((n) => n.id));
      cursor = res.meta.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it('filters by type and by ticket number, in keyset pages', async () => {
    const replies = await list(agent, 'type=customer_reply&limit=2');
    expect(replies.data).toHaveLength(2);
    const rest = await list(agent, `type=customer_reply&limit=2&cursor=${replies.meta.nextCursor}`);
    const rest2 = await list(agent, `type=customer_reply&limit=2&cursor=${rest.meta.nextCursor}`);
    expect(rest2.meta.nextCursor).toBeNull();
    const all = [...replies.data, ...rest.data, ...rest2.data];
    expect(all).toHaveLength(5);
    expect(new Set(all.map((n) => n.id)).size).toBe(5);
    expect(all.every((n) => n.type === 'customer_reply')).toBe(true);

    const ofFirst = await list(agent, `ticket=${first.number}`);
    expect(ofFirst.data).toHaveLength(4);
    expect(ofFirst.data.every((n) => n.ticketNumber === first.number)).toBe(true);
    expect((await list(agent, `ticket=${second.number}&type=ticket_assigned`)).data).toHaveLength(0);
    expect((await list(agent, 'type=mention')).data).toHaveLength(0);
    expect((await list(colleague, 'type=mention')).data).toHaveLength(1);
  });

  it('opening a ticket marks my notifications of it read, and only those', async () => {
    const count = async (who: TestUser) =>
      (await api(t, who).get('/api/notifications/unread-count')).json().data.count as number;
    expect(await count(agent)).toBe(6);
    const opened = await api(t, agent).get(`/api/tickets/${first.number}`);
    expect(opened.statusCode).toBe(200);
    expect(await count(agent)).toBe(2);
    const unread = await list(agent, 'unread=true');
    expect(unread.data.map((n) => n.ticketNumber)).toEqual([second.number, second.number]);
    expect((await list(agent, `ticket=${first.number}`)).data.every((n) => n.isRead)).toBe(true);
    // The colleague's mention on the same ticket stays unread.
    expect(await count(colleague)).toBe(1);
  });

  it('answers bad filters with 400', async () => {
    for (const query of ['type=bogus', 'ticket=abc', 'ticket=0', 'unread=yes', 'other=1']) {
      const res = await api(t, agent).get(`/api/notifications?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
  });
});

describe(`new unassigned ticket notifications (${testDriver})`, () => {
  const t = useTestApp();
  let customer: TestUser;
  let optedIn: TestUser;
  let optedOut: TestUser;
  let otherDept: TestUser;
  let inactive: TestUser;
  let dept: { id: string };
  let autoDept: { id: string };

  const newTickets = async (who: TestUser) =>
    ((await api(t, who).get('/api/notifications?type=new_ticket')).json().data as { title: string }[]).map(
      (n) => n.title,
    );
  const create = async (who: TestUser, departmentId: string, extra: Record<string, string> = {}) => {
    const res = await api(t, who).post('/api/tickets', {
      subject: 'Help',
      description: 'Please',
      departmentId,
      ...extra,
    });
    expect(res.statusCode).toBe(201);
    return res.json().data.ticket.number as number;
  };

  beforeAll(async () => {
    const f = factories(t.database);
    dept = await f.department();
    autoDept = await f.department({ autoAssign: true });
    const other = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    optedIn = await f.user({ role: 'AGENT', departments: [dept, autoDept] });
    optedOut = await f.user({ role: 'AGENT', departments: [dept] });
    otherDept = await f.user({ role: 'AGENT', departments: [other] });
    inactive = await f.user({ role: 'AGENT', departments: [dept] });
    for (const u of [optedIn, otherDept, inactive]) {
      const res = await api(t, u).patch('/api/auth/me', { notifyNewUnassigned: true });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.user.notifyNewUnassigned).toBe(true);
    }
    await t.database.query('UPDATE users SET is_active = false WHERE id = $1', [inactive.id]);
  });

  it('is off by default and shown on the profile', async () => {
    expect((await api(t, optedOut).get('/api/auth/me')).json().data.user.notifyNewUnassigned).toBe(false);
    expect((await api(t, optedIn).get('/api/auth/me')).json().data.user.notifyNewUnassigned).toBe(true);
  });

  it('tells the opted-in active staff of the department, nobody else', async () => {
    const number = await create(customer, dept.id);
    expect(await newTickets(optedIn)).toEqual([`New unassigned ticket #${number}`]);
    expect(await newTickets(optedOut)).toEqual([]);
    expect(await newTickets(otherDept)).toEqual([]);
    expect(await t.database.query('SELECT 1 FROM notifications WHERE user_id = $1', [inactive.id])).toHaveLength(0);
    expect(await newTickets(customer)).toEqual([]);
  });

  it('does not tell the creator, nor anyone when the ticket is assigned at creation', async () => {
    const before = (await newTickets(optedIn)).length;
    await create(optedIn, dept.id, { customerId: customer.id });
    expect(await newTickets(optedIn)).toHaveLength(before);
    await create(customer, autoDept.id);
    expect(await newTickets(optedIn)).toHaveLength(before);
  });

  it('may not be turned on by a customer; bad input is 400', async () => {
    const res = await api(t, customer).patch('/api/auth/me', { notifyNewUnassigned: true });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect((await api(t, customer).get('/api/auth/me')).json().data.user.notifyNewUnassigned).toBe(false);
    // Turning it off is harmless for anyone.
    expect((await api(t, customer).patch('/api/auth/me', { notifyNewUnassigned: false })).statusCode).toBe(200);
    const bad = await api(t, optedOut).patch('/api/auth/me', { notifyNewUnassigned: 'yes' });
    expect(bad.statusCode).toBe(400);
  });
});
