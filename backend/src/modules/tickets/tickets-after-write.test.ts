import { randomBytes } from 'node:crypto';
import { ticketDetailSchema } from '@helpdesk/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { testDriver } from '../../../test/test-database.js';

/**
 * The answer to a write is what the writer may see now: a write that takes the ticket out of their
 * scope answers its fields only, and an idempotent replay never shows a conversation the caller
 * may not read. Keys expire after IDEMPOTENCY_KEY_TTL_HOURS (2 here).
 */
describe(`answers after a write follow the ticket policy (${testDriver})`, () => {
  const t = useTestApp({ IDEMPOTENCY_KEY_TTL_HOURS: '2' });
  let f: ReturnType<typeof factories>;
  let mine: { id: string };
  let theirs: { id: string };
  let customer: TestUser;
  let agent: TestUser;
  let theirAgent: TestUser;

  const newKey = () => ({ 'idempotency-key': `key-${randomBytes(6).toString('hex')}` });
  const file = (user: TestUser, body: object, key: Record<string, string>) =>
    api(t, user).post(
      '/api/tickets',
      { subject: 'Payroll export fails', description: 'Since May.', ...body },
      { headers: key },
    );
  /** An internal note and a public reply by an agent of the ticket's department. */
  const converse = async (ticketId: string, by: TestUser) => {
    const note = { body: 'Internal: the CFO salary file is attached', isInternal: true };
    expect((await api(t, by).post(`/api/tickets/${ticketId}/messages`, note)).statusCode).toBe(201);
    expect((await api(t, by).post(`/api/tickets/${ticketId}/messages`, { body: 'Looking into it' })).statusCode).toBe(
      201,
    );
  };
  const ageKey = (key: Record<string, string>, hours: number) =>
    t.database.query(`UPDATE idempotency_keys SET created_at = now() - $2 * interval '1 hour' WHERE key = $1`, [
      key['idempotency-key'],
      hours,
    ]);

  beforeAll(async () => {
    f = factories(t.database);
    mine = await f.department();
    theirs = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    agent = await f.user({ role: 'AGENT', departments: [mine] });
    theirAgent = await f.user({ role: 'AGENT', departments: [theirs] });
  });

  it('an agent filing into another department gets the new ticket, and a replay never its conversation', async () => {
    const key = newKey();
    const body = { departmentId: theirs.id, customerId: customer.id };
    const first = await file(agent, body, key);
    const answer = expectOk(first, ticketDetailSchema, 201);
    expect(answer).toMatchObject({ ticket: { subject: 'Payroll export fails', version: 1 }, messages: [] });
    // They cannot open it, so nothing is offered to do with it.
    expect(answer.allowedActions).toEqual([]);

    await converse(answer.ticket.id, theirAgent);
    const renamed = await api(t, theirAgent).patch(`/api/tickets/${answer.ticket.id}`, {
      version: 1,
      subject: 'Payroll export fails for the CFO',
    });
    expect(renamed.statusCode).toBe(200);

    const replay = await file(agent, body, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // Exactly the first answer: no messages, not the subject changed since.
    expect(replay.json().data).toEqual(answer);
    expect(replay.body).not.toContain('CFO');
  });

  it('a replay by someone who may still view the ticket answers what they may see now', async () => {
    const key = newKey();
    const first = await file(customer, { departmentId: mine.id }, key);
    const id = first.json().data.ticket.id;
    await converse(id, agent);
    const replay = await file(customer, { departmentId: mine.id }, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const { messages, allowedActions } = replay.json().data;
    expect(messages.map((m: { body: string }) => m.body)).toEqual(['Looking into it']);
    expect(allowedActions).toContain('reply');
    expect(replay.body).not.toContain('CFO');

    const byAgent = newKey();
    const filed = await file(agent, { departmentId: mine.id, customerId: customer.id }, byAgent);
    await converse(filed.json().data.ticket.id, agent);
    const again = (await file(agent, { departmentId: mine.id, customerId: customer.id }, byAgent)).json().data;
    expect(again.messages).toHaveLength(2); // the agent reads internal notes of their department
  });

  it('an agent who later loses sight of the ticket replays only the first answer', async () => {
    const key = newKey();
    const body = { departmentId: mine.id, customerId: customer.id };
    const answer = (await file(agent, body, key)).json().data;
    expect(answer.allowedActions).toContain('reply');
    await converse(answer.ticket.id, agent);
    const moved = await api(t, agent).patch(`/api/tickets/${answer.ticket.id}`, {
      version: 1,
      departmentId: theirs.id,
    });
    expect(moved.statusCode).toBe(200);
    const replay = (await file(agent, body, key)).json().data;
    expect(replay).toEqual({ ...answer, allowedActions: [] });
  });

  it('a change that moves the ticket out of the actor’s departments answers its fields, not the conversation', async () => {
    const ticket = await f.ticket({ customer, department: mine });
    await converse(ticket.id, agent);
    const res = await api(t, agent).patch(`/api/tickets/${ticket.id}`, {
      version: ticket.version,
      departmentId: theirs.id,
      subject: 'Moved to payroll',
    });
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data.ticket).toMatchObject({ subject: 'Moved to payroll', department: { id: theirs.id }, version: 2 });
    expect(data.messages).toEqual([]);
    expect(data.allowedActions).toEqual([]);
    expect(res.body).not.toContain('CFO');
    // Within their departments the answer stays the full detail view.
    const stays = await f.ticket({ customer, department: mine });
    await converse(stays.id, agent);
    const kept = await api(t, agent).patch(`/api/tickets/${stays.id}`, { version: 1, subject: 'Renamed' });
    expect(kept.json().data.messages).toHaveLength(2);
  });

  it('the answer to filing a ticket (built from what the create wrote) is what opening it shows', async () => {
    const roundRobin = await f.department({ autoAssign: true });
    const member = await f.user({ role: 'AGENT', departments: [roundRobin] });
    const admin = await f.user({ role: 'SUPER_ADMIN' });
    const open = async (user: TestUser, id: string) =>
      expectOk(await api(t, user).get(`/api/tickets/${id}`), ticketDetailSchema);

    // A customer's own ticket: the detail view, with what a customer may do.
    const own = expectOk(await file(customer, { departmentId: mine.id }, {}), ticketDetailSchema, 201);
    expect(own).toEqual(await open(customer, own.ticket.id));

    // An agent filing for a customer into a round-robin department: assigned, names and tags as read.
    const assigned = expectOk(
      await file(member, { departmentId: roundRobin.id, customerId: customer.id }, {}),
      ticketDetailSchema,
      201,
    );
    expect(assigned.ticket.assignee).toEqual({ id: member.id, name: expect.any(String) });
    expect(assigned.ticket.tags).toEqual([]);
    expect(assigned).toEqual(await open(member, assigned.ticket.id));

    // Into a department the agent is not in: its fields only, as an admin reads them.
    const elsewhere = expectOk(
      await file(agent, { departmentId: theirs.id, customerId: customer.id }, {}),
      ticketDetailSchema,
      201,
    );
    expect(elsewhere.allowedActions).toEqual([]);
    expect(elsewhere.ticket).toEqual((await open(admin, elsewhere.ticket.id)).ticket);
  });

  it('keys expire after IDEMPOTENCY_KEY_TTL_HOURS: an expired key is a new request', async () => {
    const key = newKey();
    const first = (await file(customer, { departmentId: mine.id }, key)).json().data.ticket.id;
    await ageKey(key, 1.5);
    const within = await file(customer, { departmentId: mine.id }, key);
    expect(within.headers['idempotent-replayed']).toBe('true');
    expect(within.json().data.ticket.id).toBe(first);

    await ageKey(key, 2.5);
    const expired = await file(customer, { departmentId: mine.id }, key);
    expect(expired.statusCode).toBe(201);
    expect(expired.headers['idempotent-replayed']).toBeUndefined();
    const second = expired.json().data.ticket.id;
    expect(second).not.toBe(first);
    // The key now belongs to the new request: replays return the second ticket, another body is refused.
    expect((await file(customer, { departmentId: mine.id }, key)).json().data.ticket.id).toBe(second);
    const reused = await file(customer, { departmentId: mine.id, subject: 'Something else' }, key);
    expect(reused.statusCode).toBe(422);
    // Expired, even a different body is simply a new request.
    await ageKey(key, 3);
    expect((await file(customer, { departmentId: mine.id, subject: 'Something else' }, key)).statusCode).toBe(201);
  });
});
