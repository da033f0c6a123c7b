import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { testDriver } from '../../../test/test-database.js';

/**
 * A notification carries ticket text, so it reaches only people the detail view would show that
 * text to: decided by their role's permissions and departments, never by the role's name.
 */
describe(`notification recipients follow the ticket policy (${testDriver})`, () => {
  const t = useTestApp();
  let f: ReturnType<typeof factories>;
  let dept: { id: string };
  let customer: TestUser;
  let author: TestUser;
  let maya: TestUser;
  let outsider: TestUser;
  /** A custom role with a customer's permissions, member of the department. */
  let clientMember: TestUser;
  /** A custom staff role without any view permission, member of the department. */
  let triage: TestUser;
  let roles: { client: string; triage: string; noView: string };

  const handle = (u: TestUser) => u.email.split('@')[0] as string;
  /** The user's notifications about one ticket, read through their own API. */
  const inbox = async (user: TestUser, ticketId: string) => {
    const res = await api(t, user).get('/api/notifications?limit=100');
    expect(res.statusCode).toBe(200);
    return (res.json().data as { type: string; body: string; ticketId: string }[]).filter(
      (n) => n.ticketId === ticketId,
    );
  };
  const types = async (user: TestUser, ticketId: string) => (await inbox(user, ticketId)).map((n) => n.type);

  beforeAll(async () => {
    f = factories(t.database);
    dept = await f.department();
    const otherDept = await f.department();
    const superAdmin = await f.user({ role: 'SUPER_ADMIN' });
    const role = async (name: string, permissions: string[]) => {
      const res = await api(t, superAdmin).post('/api/roles', {
        name: `${name} ${randomBytes(3).toString('hex')}`,
        permissions,
      });
      expect(res.statusCode).toBe(201);
      return res.json().data.name as string;
    };
    roles = {
      client: await role('Client', ['tickets.create', 'tickets.view_own', 'tickets.reply']),
      triage: await role('Triage', ['tickets.reply', 'tickets.internal_note', 'tickets.assign']),
      noView: await role('Former client', ['tickets.create']),
    };
    customer = await f.user({ role: 'CUSTOMER' });
    author = await f.user({ role: 'AGENT', departments: [dept] });
    maya = await f.user({ role: 'AGENT', departments: [dept] });
    outsider = await f.user({ role: 'AGENT', departments: [otherDept] });
    clientMember = await f.user({ role: roles.client, departments: [dept] });
    triage = await f.user({ role: roles.triage, departments: [dept] });
  });

  it('a mention in an internal note reaches only those who may read internal notes on that ticket', async () => {
    const clientCustomer = await f.user({ role: roles.client });
    for (const owner of [customer, clientCustomer]) {
      const ticket = await f.ticket({ customer: owner, department: dept });
      const mentioned = [maya, outsider, clientMember, triage, owner].map((u) => `@${handle(u)}`).join(' ');
      const res = await api(t, author).post(`/api/tickets/${ticket.id}/messages`, {
        body: `${mentioned} the gateway password is hunter2`,
        isInternal: true,
      });
      expect(res.statusCode).toBe(201);
      const [mention] = await inbox(maya, ticket.id);
      expect(mention).toMatchObject({ type: 'mention' });
      expect(mention?.body).toContain('hunter2');
      // Another department's agent, a customer-like custom role (even the ticket's own customer),
      // and staff whose role cannot view tickets: silently not notified.
      for (const other of [outsider, clientMember, triage, owner]) expect(await inbox(other, ticket.id)).toEqual([]);
    }
  });

  it('a customer reply on an unassigned ticket reaches only department members who can open it', async () => {
    const ticket = await f.ticket({ customer, department: dept });
    const res = await api(t, customer).post(`/api/tickets/${ticket.id}/messages`, { body: 'Any news?' });
    expect(res.statusCode).toBe(201);
    expect(await types(maya, ticket.id)).toEqual(['customer_reply']);
    expect(await types(author, ticket.id)).toEqual(['customer_reply']);
    for (const other of [outsider, clientMember, triage]) expect(await inbox(other, ticket.id)).toEqual([]);
  });

  it('a member who cannot open the ticket is not assignable and hears neither of it nor of customer replies', async () => {
    const ticket = await f.ticket({ customer, department: dept });
    // An active member of the department with a staff role, but unable to view tickets: refused.
    const assigned = await api(t, author).patch(`/api/tickets/${ticket.id}`, {
      version: ticket.version,
      assignedToId: triage.id,
    });
    expect(assigned.statusCode).toBe(422);
    await api(t, customer).post(`/api/tickets/${ticket.id}/messages`, { body: 'My salary slip is attached' });
    expect(await inbox(triage, ticket.id)).toEqual([]);

    const other = await f.ticket({ customer, department: dept });
    await api(t, author).patch(`/api/tickets/${other.id}`, { version: other.version, assignedToId: maya.id });
    await api(t, customer).post(`/api/tickets/${other.id}/messages`, { body: 'Still broken' });
    expect(await types(maya, other.id)).toEqual(['customer_reply', 'ticket_assigned']);
  });

  it('agent replies and status changes reach the customer only while they may view the ticket', async () => {
    const statuses = (await api(t, author).get('/api/statuses')).json().data as { id: string; name: string }[];
    const resolved = statuses.find((s) => s.name === 'Resolved')?.id;
    const former = await f.user({ role: roles.noView });
    for (const owner of [customer, former]) {
      const ticket = await f.ticket({ customer: owner, department: dept });
      expect(
        (await api(t, author).post(`/api/tickets/${ticket.id}/messages`, { body: 'We replaced the gateway.' }))
          .statusCode,
      ).toBe(201);
      const patched = await api(t, author).patch(`/api/tickets/${ticket.id}`, {
        version: ticket.version,
        statusId: resolved,
      });
      expect(patched.statusCode).toBe(200);
      expect(await types(owner, ticket.id)).toEqual(owner === customer ? ['status_changed', 'agent_reply'] : []);
    }
  });

  // A reply reads the customer it notifies with its locked read of the ticket (one round trip):
  // the same rules as any other read of recipients, and the customer of the ticket it lands on.
  it("a reply tells the ticket's customer as they are now: not when deactivated, the target's after a merge", async () => {
    const statuses = (await api(t, author).get('/api/statuses')).json().data as { id: string; name: string }[];
    const pending = statuses.find((s) => s.name === 'Pending')?.id ?? statuses.find((s) => !/open/i.test(s.name))?.id;
    const withStatus = await f.ticket({ customer, department: dept });
    const sent = await api(t, author).post(`/api/tickets/${withStatus.id}/messages`, {
      body: 'Sent and marked',
      statusId: pending,
      version: withStatus.version,
    });
    expect(sent.statusCode).toBe(201);
    expect((await types(customer, withStatus.id)).sort()).toEqual(['agent_reply', 'status_changed']);

    const leaving = await f.user({ role: 'CUSTOMER' });
    const ofLeaving = await f.ticket({ customer: leaving, department: dept });
    await t.database.query(`UPDATE users SET is_active = false WHERE id = '${leaving.id}'`);
    expect((await api(t, author).post(`/api/tickets/${ofLeaving.id}/messages`, { body: 'Anyone?' })).statusCode).toBe(
      201,
    );
    const [told] = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE ticket_id = '${ofLeaving.id}'`,
    );
    expect(told?.n).toBe(0);

    const admin = await f.user({ role: 'ADMIN' });
    const other = await f.user({ role: 'CUSTOMER' });
    const source = await f.ticket({ customer, department: dept });
    const target = await f.ticket({ customer: other, department: dept });
    expect((await api(t, admin).post(`/api/tickets/${source.id}/merge`, { into: target.id })).statusCode).toBe(200);
    expect(
      (await api(t, author).post(`/api/tickets/${source.id}/messages`, { body: 'Lands on the target' })).statusCode,
    ).toBe(201);
    expect(await types(other, target.id)).toContain('agent_reply');
    expect(await types(customer, source.id)).not.toContain('agent_reply');
    expect(await types(customer, target.id)).toEqual([]);
  });
});
