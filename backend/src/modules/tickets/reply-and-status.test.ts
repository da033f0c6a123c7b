import {
  departmentSchema,
  ticketDetailSchema,
  ticketHistoryEntrySchema,
  ticketMessageSchema,
} from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

describe('reply and set status in one step (issue 17)', () => {
  const t = useTestApp();

  async function setup() {
    const f = factories(t.database);
    const dept = await f.department();
    const customer = await f.user();
    const agent = await f.user({ role: 'AGENT', departments: [dept] });
    const admin = await f.user({ role: 'ADMIN' });
    const ticket = await f.ticket({ customer, department: dept });
    const rows = await t.database.query<{ id: string; name: string }>('SELECT id, name FROM ticket_statuses');
    const status = (name: string) => rows.find((r) => r.name === name)?.id ?? '';
    return { f, dept, customer, agent, admin, ticket, status };
  }
  const read = async (caller: Parameters<typeof api>[1], id: string) =>
    expectOk(await api(t, caller).get(`/api/tickets/${id}`), ticketDetailSchema);
  const history = async (caller: Parameters<typeof api>[1], id: string) =>
    expectOk(await api(t, caller).get(`/api/tickets/${id}/history`), z.array(ticketHistoryEntrySchema));

  it('sends the reply and moves the status in one request, one history entry per change', async () => {
    const { agent, customer, ticket, status } = await setup();
    const before = await read(agent, ticket.id);
    const message = expectOk(
      await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, {
        body: 'Could you send the log?',
        statusId: status('Waiting on Customer'),
        version: before.ticket.version,
      }),
      ticketMessageSchema,
      201,
    );
    const after = await read(agent, ticket.id);
    expect(after.ticket.status.name).toBe('Waiting on Customer');
    expect(after.ticket.version).toBe(before.ticket.version + 1);
    expect(after.messages.map((m) => m.id)).toEqual([message.id]);
    // The answer is the message as stored (it is written with the reply's other rows, not read back).
    expect(after.messages[0]).toMatchObject({ id: message.id, body: message.body, createdAt: message.createdAt });
    const events = await history(agent, ticket.id);
    expect(events.filter((e) => e.action === 'message_added')).toHaveLength(1);
    expect(events.filter((e) => e.action === 'status_changed')).toMatchObject([
      { oldValue: 'Open', newValue: 'Waiting on Customer' },
    ]);
    // The customer sees the reply and the new status.
    expect((await read(customer, ticket.id)).ticket.status.name).toBe('Waiting on Customer');
  });

  it('send and mark Resolved closes the ticket', async () => {
    const { agent, ticket, status } = await setup();
    expectOk(
      await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, { body: 'Fixed.', statusId: status('Resolved') }),
      ticketMessageSchema,
      201,
    );
    const after = await read(agent, ticket.id);
    expect(after.ticket.status).toMatchObject({ name: 'Resolved', isClosed: true });
    expect(after.ticket.closedAt).not.toBeNull();
  });

  it('a stale version is a 409 and nothing is sent or changed', async () => {
    const { agent, ticket, status } = await setup();
    const before = await read(agent, ticket.id);
    expectOk(
      await api(t, agent).patch(`/api/tickets/${ticket.id}`, {
        version: before.ticket.version,
        statusId: status('In Progress'),
      }),
      ticketDetailSchema,
    );
    expectError(
      await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, {
        body: 'lost?',
        statusId: status('Resolved'),
        version: before.ticket.version,
      }),
      409,
      'VERSION_CONFLICT',
    );
    const after = await read(agent, ticket.id);
    expect(after.messages).toHaveLength(0);
    expect(after.ticket.status.name).toBe('In Progress');
  });

  it('refuses an unknown status (422) and bad input (400), sending nothing', async () => {
    const { agent, ticket } = await setup();
    const url = `/api/tickets/${ticket.id}/messages`;
    expectError(
      await api(t, agent).post(url, { body: 'x', statusId: '00000000-0000-4000-8000-000000000000' }),
      422,
      'RULE_VIOLATION',
    );
    expectError(await api(t, agent).post(url, { body: 'x', statusId: 'open' }), 400, 'VALIDATION_ERROR');
    expectError(await api(t, agent).post(url, { body: 'x', version: 0 }), 400, 'VALIDATION_ERROR');
    expect((await read(agent, ticket.id)).messages).toHaveLength(0);
  });

  it('a customer may not set a status other than closing or reopening, and nothing is sent', async () => {
    const { customer, agent, ticket, status } = await setup();
    expectError(
      await api(t, customer).post(`/api/tickets/${ticket.id}/messages`, {
        body: 'hurry',
        statusId: status('In Progress'),
      }),
      403,
      'FORBIDDEN',
    );
    expect((await read(agent, ticket.id)).messages).toHaveLength(0);
    // Closing their own ticket with a last word is theirs to do.
    expectOk(
      await api(t, customer).post(`/api/tickets/${ticket.id}/messages`, { body: 'thanks', statusId: status('Closed') }),
      ticketMessageSchema,
      201,
    );
    expect((await read(agent, ticket.id)).ticket.status.name).toBe('Closed');
  });

  it("applies the department's reply status to an agent's public reply on an Open ticket", async () => {
    const { f, dept, agent, admin, customer, ticket, status } = await setup();
    const saved = expectOk(
      await api(t, admin).patch(`/api/departments/${dept.id}`, { replyStatusId: status('Waiting on Customer') }),
      departmentSchema,
    );
    expect(saved.replyStatusId).toBe(status('Waiting on Customer'));
    expectError(
      await api(t, admin).patch(`/api/departments/${dept.id}`, {
        replyStatusId: '00000000-0000-4000-8000-000000000000',
      }),
      422,
      'RULE_VIOLATION',
    );
    expectError(await api(t, agent).patch(`/api/departments/${dept.id}`, { replyStatusId: null }), 403, 'FORBIDDEN');

    // A note and the customer's own message leave it alone.
    const url = `/api/tickets/${ticket.id}/messages`;
    expectOk(await api(t, agent).post(url, { body: 'note', isInternal: true }), ticketMessageSchema, 201);
    expectOk(await api(t, customer).post(url, { body: 'more info' }), ticketMessageSchema, 201);
    expect((await read(agent, ticket.id)).ticket.status.name).toBe('Open');

    expectOk(await api(t, agent).post(url, { body: 'answer' }), ticketMessageSchema, 201);
    expect((await read(agent, ticket.id)).ticket.status.name).toBe('Waiting on Customer');
    expect((await history(agent, ticket.id)).filter((e) => e.action === 'status_changed')).toHaveLength(1);

    // Not Open: stays where it is; an explicit status wins.
    const progressing = await f.ticket({ customer, department: dept, status: 'In Progress' });
    expectOk(
      await api(t, agent).post(`/api/tickets/${progressing.id}/messages`, { body: 'still on it' }),
      ticketMessageSchema,
      201,
    );
    expect((await read(agent, progressing.id)).ticket.status.name).toBe('In Progress');
    const other = await f.ticket({ customer, department: dept });
    expectOk(
      await api(t, agent).post(`/api/tickets/${other.id}/messages`, { body: 'done', statusId: status('Resolved') }),
      ticketMessageSchema,
      201,
    );
    expect((await read(agent, other.id)).ticket.status.name).toBe('Resolved');

    // Turned off again with null.
    expectOk(await api(t, admin).patch(`/api/departments/${dept.id}`, { replyStatusId: null }), departmentSchema);
    const third = await f.ticket({ customer, department: dept });
    expectOk(await api(t, agent).post(`/api/tickets/${third.id}/messages`, { body: 'hi' }), ticketMessageSchema, 201);
    expect((await read(agent, third.id)).ticket.status.name).toBe('Open');
  });

  it("refuses another department's agent with 404", async () => {
    const { f, ticket, status } = await setup();
    const outsider = await f.user({ role: 'AGENT', departments: [await f.department()] });
    expectError(
      await api(t, outsider).post(`/api/tickets/${ticket.id}/messages`, { body: 'x', statusId: status('Resolved') }),
      404,
      'NOT_FOUND',
    );
  });
});
