import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { testDriver } from '../../../test/test-database.js';
import { insertTicketRow } from '../../../test/ticket-rows.js';
import { mentionedHandles, type NotifiedTicket, ticketNotifications } from './notifications.service.js';

describe(`notifications API (${testDriver})`, () => {
  const t = useTestApp();
  let customer: TestUser;
  let agent: TestUser;
  let ticket: NotifiedTicket;

  beforeAll(async () => {
    const f = factories(t.database);
    const dept = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    const row = await insertTicketRow(t.database, { customerId: customer.id, departmentId: dept.id });
    ticket = {
      ...row,
      subject: 'Printer on fire',
      customerId: customer.id,
      departmentId: dept.id,
      assignedToId: agent.id,
    };
    // 30 notifications for the customer, one for the agent.
    for (let i = 0; i < 30; i++) {
      await ticketNotifications.messageAdded(t.database.db, ticket, agent.id, {
        body: `reply ${i}`,
        isInternal: false,
      });
    }
    await ticketNotifications.ticketAssigned(t.database.db, ticket, customer.id);
    // Inserts within one clock tick share a created_at; give them distinct, ordered times.
    await t.database.query(
      "UPDATE notifications SET created_at = now() - (30 - substring(body from 7)::int) * interval '1 second' WHERE body LIKE 'reply %'",
    );
  });

  it('lists my notifications newest first in keyset pages', async () => {
    const first = await api(t, customer).get('/api/notifications?limit=20');
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.data).toHaveLength(20);
    expect(page1.data[0]).toMatchObject({
      type: 'agent_reply',
      ticketNumber: ticket.number,
      isRead: false,
      body: 'reply 29',
    });
    const second = await api(t, customer).get(`/api/notifications?limit=20&cursor=${page1.meta.nextCursor}`);
    const page2 = second.json();
    expect(page2.data).toHaveLength(10);
    expect(page2.meta.nextCursor).toBeNull();
    const ids = new Set([...page1.data, ...page2.data].map((n: { id: string }) => n.id));
    expect(ids.size).toBe(30);
  });

  it('counts unread, marks one read (idempotently) and all read', async () => {
    expect((await api(t, customer).get('/api/notifications/unread-count')).json().data.count).toBe(30);
    const [latest] = (await api(t, customer).get('/api/notifications?limit=1')).json().data;
    expect((await api(t, customer).post(`/api/notifications/${latest.id}/read`)).statusCode).toBe(200);
    expect((await api(t, customer).post(`/api/notifications/${latest.id}/read`)).statusCode).toBe(200);
    expect((await api(t, customer).get('/api/notifications/unread-count')).json().data.count).toBe(29);
    const unread = (await api(t, customer).get('/api/notifications?unread=true&limit=100')).json().data;
    expect(unread).toHaveLength(29);
    expect(unread.map((n: { id: string }) => n.id)).not.toContain(latest.id);
    const all = await api(t, customer).post('/api/notifications/read-all');
    expect(all.json().data.updated).toBe(29);
    expect((await api(t, customer).get('/api/notifications/unread-count')).json().data.count).toBe(0);
    // The agent's own notification is untouched.
    expect((await api(t, agent).get('/api/notifications/unread-count')).json().data.count).toBe(1);
  });

  it("treats another user's notification id like a missing one", async () => {
    const [mine] = (await api(t, agent).get('/api/notifications')).json().data;
    const res = await api(t, customer).post(`/api/notifications/${mine.id}/read`);
    expect(res.statusCode).toBe(404);
    const missing = await api(t, customer).post('/api/notifications/00000000-0000-4000-8000-000000000000/read');
    expect(res.json()).toEqual(missing.json());
    expect((await api(t, agent).get('/api/notifications/unread-count')).json().data.count).toBe(1);
  });

  it('refuses anonymous callers and bad input', async () => {
    for (const [method, url] of [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/unread-count'],
      ['POST', '/api/notifications/read-all'],
    ] as const) {
      expect((await api(t).request(method, url)).statusCode).toBe(401);
    }
    expect((await api(t, customer).get('/api/notifications?limit=0')).statusCode).toBe(400);
    expect((await api(t, customer).get('/api/notifications?cursor=bogus')).statusCode).toBe(400);
    expect((await api(t, customer).post('/api/notifications/not-a-uuid/read')).statusCode).toBe(400);
  });

  it("the guide's clean-up statement deletes read notifications older than 30 days only", async () => {
    await t.database.query("UPDATE notifications SET created_at = now() - interval '31 days' WHERE user_id = $1", [
      customer.id,
    ]);
    await t.database.query(
      "DELETE FROM notifications WHERE created_at < NOW() - INTERVAL '30 days' AND is_read = true;",
    );
    expect((await api(t, customer).get('/api/notifications')).json().data).toHaveLength(0);
    expect((await api(t, agent).get('/api/notifications')).json().data).toHaveLength(1);
  });
});

describe('mentions', () => {
  it('finds @handles in a note', () => {
    expect(mentionedHandles('Ping @maya and @Jonas.Weber, cc @chloé. Not an email: a@b.c')).toEqual([
      'maya',
      'jonas.weber',
      'chloé',
    ]);
  });
});
