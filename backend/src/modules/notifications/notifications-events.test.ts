import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { testDriver } from '../../../test/test-database.js';

/** Notification fan-out, driven through the tickets API as people use it. */
describe(`notifications per ticket event (${testDriver})`, () => {
  const t = useTestApp();
  let dept: { id: string };
  let customer: TestUser;
  let maya: TestUser;
  let jonas: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    const f = factories(t.database);
    dept = await f.department();
    const otherDept = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    maya = await f.user({
      role: 'AGENT',
      departments: [dept],
      name: 'Maya Patel',
      email: `maya.${Date.now()}@example.test`,
    });
    jonas = await f.user({ role: 'AGENT', departments: [dept], name: 'Jonas Weber' });
    outsider = await f.user({ role: 'AGENT', departments: [otherDept] });
  });

  const inbox = async (user: TestUser) =>
    (await api(t, user).get('/api/notifications?limit=100')).json().data as {
      type: string;
      title: string;
      body: string;
      ticketId: string;
    }[];
  const readAll = async (...users: TestUser[]) => {
    for (const u of users) await api(t, u).post('/api/notifications/read-all');
    await t.database.query('DELETE FROM notifications');
  };
  const newTicket = async () => {
    const res = await api(t, customer).post('/api/tickets', {
      subject: 'VPN drops every hour',
      description: 'Since Monday the VPN disconnects.',
      departmentId: dept.id,
    });
    expect(res.statusCode).toBe(201);
    return res.json().data.ticket as { id: string; number: number; version: number };
  };

  it('a customer reply on an unassigned ticket reaches every agent of the department, nobody else', async () => {
    await readAll(customer, maya, jonas, outsider);
    const ticket = await newTicket();
    await api(t, customer).post(`/api/tickets/${ticket.id}/messages`, { body: 'Any news?' });
    expect((await inbox(maya)).map((n) => n.type)).toEqual(['customer_reply']);
    expect((await inbox(jonas)).map((n) => n.type)).toEqual(['customer_reply']);
    expect(await inbox(outsider)).toEqual([]);
    expect(await inbox(customer)).toEqual([]); // not of their own action
  });

  it('assignment notifies the assignee; then customer replies go to the assignee only', async () => {
    const ticket = await newTicket();
    await readAll(customer, maya, jonas);
    const res = await api(t, jonas).patch(`/api/tickets/${ticket.id}`, {
      version: ticket.version,
      assignedToId: maya.id,
    });
    expect(res.statusCode).toBe(200);
    const [assigned] = await inbox(maya);
    expect(assigned).toMatchObject({
      type: 'ticket_assigned',
      ticketId: ticket.id,
      title: `Ticket #${ticket.number} was assigned to you`,
    });
    expect(await inbox(jonas)).toEqual([]);
    await api(t, customer).post(`/api/tickets/${ticket.id}/messages`, { body: 'Still broken' });
    expect((await inbox(maya)).map((n) => n.type)).toEqual(['customer_reply', 'ticket_assigned']);
    expect(await inbox(jonas)).toEqual([]);
  });

  it('assigning to oneself notifies nobody', async () => {
    const ticket = await newTicket();
    await readAll(customer, maya, jonas);
    await api(t, maya).post(`/api/tickets/${ticket.id}/assign-to-me`);
    expect(await inbox(maya)).toEqual([]);
  });

  it('an agent reply and a status change reach the customer; an internal note never does', async () => {
    const ticket = await newTicket();
    await readAll(customer, maya, jonas);
    await api(t, maya).post(`/api/tickets/${ticket.id}/messages`, {
      body: 'Secret: the VPN box is EOL',
      isInternal: true,
    });
    expect(await inbox(customer)).toEqual([]);
    await api(t, maya).post(`/api/tickets/${ticket.id}/messages`, { body: 'We replaced the VPN gateway.' });
    const statuses = (await api(t, maya).get('/api/statuses')).json().data as { id: string; name: string }[];
    const resolved = statuses.find((s) => s.name === 'Resolved');
    const current = (await api(t, maya).get(`/api/tickets/${ticket.id}`)).json().data.ticket;
    const patched = await api(t, maya).patch(`/api/tickets/${ticket.id}`, {
      version: current.version,
      statusId: resolved?.id,
    });
    expect(patched.statusCode).toBe(200);
    const notes = await inbox(customer);
    expect(notes.map((n) => n.type)).toEqual(['status_changed', 'agent_reply']);
    expect(notes[0]?.title).toContain('Resolved');
    expect(notes[1]?.body).toBe('We replaced the VPN gateway.');
    expect(JSON.stringify(notes)).not.toContain('Secret');
  });

  it('@mentions in an internal note notify the mentioned agent only, never the author', async () => {
    const ticket = await newTicket();
    await readAll(customer, maya, jonas);
    await api(t, jonas).post(`/api/tickets/${ticket.id}/messages`, {
      body: '@maya can you check the gateway logs? cc @jonas',
      isInternal: true,
    });
    const [mention] = await inbox(maya);
    expect(mention).toMatchObject({ type: 'mention', title: `You were mentioned on #${ticket.number}` });
    expect(mention?.body).toContain('gateway logs');
    expect(await inbox(jonas)).toEqual([]);
    expect(await inbox(customer)).toEqual([]);
  });
});
