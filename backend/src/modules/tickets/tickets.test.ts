import { ticketDetailSchema } from '@helpdesk/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';

describe('tickets: lifecycle', () => {
  // One customer files more tickets here than the hourly limit allows (plugins/write-limits.test.ts).
  const t = useTestApp({ RATE_LIMIT_TICKETS_CUSTOMER: '0' });
  let f: ReturnType<typeof factories>;
  let dept: { id: string; name: string };
  let otherDept: { id: string; name: string };
  let customer: TestUser;
  let otherCustomer: TestUser;
  let agent: TestUser;
  let agent2: TestUser;
  let otherAgent: TestUser;
  let admin: TestUser;
  let statuses: Record<string, string>;
  let priorities: Record<string, string>;

  const create = (user: TestUser, body: Record<string, unknown> = {}, headers = {}) =>
    api(t, user).post(
      '/api/tickets',
      { subject: 'Printer on fire', description: 'It is on fire.', departmentId: dept.id, ...body },
      { headers },
    );

  beforeAll(async () => {
    f = factories(t.database);
    dept = await f.department();
    otherDept = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    otherCustomer = await f.user({ role: 'CUSTOMER' });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    agent2 = await f.user({ role: 'AGENT', departments: [dept] });
    otherAgent = await f.user({ role: 'AGENT', departments: [otherDept] });
    admin = await f.user({ role: 'ADMIN' });
    const s = await t.database.query<{ id: string; name: string }>('SELECT id, name FROM ticket_statuses');
    statuses = Object.fromEntries(s.map((r) => [r.name, r.id]));
    const p = await t.database.query<{ id: string; name: string }>('SELECT id, name FROM ticket_priorities');
    priorities = Object.fromEntries(p.map((r) => [r.name, r.id]));
  });

  describe('create', () => {
    it('a customer files a ticket with defaults and a number', async () => {
      const res = await create(customer, { subject: '  Printer on fire  ' });
      const { ticket, messages, allowedActions } = expectOk(res, ticketDetailSchema, 201);
      expect(ticket.subject).toBe('Printer on fire');
      expect(ticket.number).toBeGreaterThanOrEqual(1001);
      expect(ticket.status.name).toBe('Open');
      expect(ticket.priority.name).toBe('Normal');
      expect(ticket.customer).toEqual({ id: customer.id, name: customer.name });
      expect(ticket.createdBy).toEqual({ id: customer.id, name: customer.name });
      expect(ticket.assignee).toBeNull();
      expect(ticket.version).toBe(1);
      expect(messages).toEqual([]);
      expect(allowedActions).toContain('reply');
      expect(allowedActions).toContain('close');
      expect(allowedActions).not.toContain('internal_note');
    });

    it('rejects bad input with field details and writes nothing', async () => {
      const before = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets');
      for (const body of [
        { subject: '   ' },
        { subject: 'x'.repeat(201) },
        { description: '' },
        { description: 'x'.repeat(50_001) },
        { departmentId: 'nope' },
        { extra: 1 },
      ]) {
        const res = await create(customer, body);
        expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_ERROR');
        expect(res.json().error.details.length).toBeGreaterThan(0);
      }
      const inactive = await f.department({ isActive: false });
      expect((await create(customer, { departmentId: inactive.id })).statusCode).toBe(422);
      expect((await create(customer, { departmentId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(422);
      expect((await create(customer, { priorityId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(422);
      const after = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets');
      expect(after[0]?.n).toBe(before[0]?.n);
    });

    it('refuses anonymous callers and customers filing for someone else', async () => {
      expect(
        (await api(t).post('/api/tickets', { subject: 'a', description: 'b', departmentId: dept.id })).statusCode,
      ).toBe(401);
      const res = await create(customer, { customerId: otherCustomer.id });
      expect(res.statusCode).toBe(403);
    });

    it('an agent files on behalf of an existing customer, not of an agent', async () => {
      const res = await create(agent, { customerId: customer.id, priorityId: priorities.High });
      const { ticket } = expectOk(res, ticketDetailSchema, 201);
      expect(ticket.customer.id).toBe(customer.id);
      expect(ticket.createdBy.id).toBe(agent.id);
      expect(ticket.priority.name).toBe('High');
      expect((await create(agent, { customerId: agent2.id })).statusCode).toBe(422);
    });

    it('numbers are unique and sequential under concurrency', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => create(customer, { subject: `Race ${i}` })),
      );
      const numbers = results.map((r) => r.json().data.ticket.number as number).sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(12);
      expect(numbers.at(-1)! - numbers[0]!).toBe(11);
    });

    it('new tickets, their history and messages get time-ordered ids (UUID version 7)', async () => {
      const version = (id: string) => id.charAt(14);
      const first = expectOk(await create(customer, { subject: 'First' }), ticketDetailSchema, 201).ticket;
      const second = expectOk(await create(agent, { customerId: customer.id }), ticketDetailSchema, 201).ticket;
      expect([version(first.id), version(second.id)]).toEqual(['7', '7']);
      // Made later, sorted later: a new row goes to the right-hand end of its index.
      expect(second.id > first.id).toBe(true);
      const reply = await api(t, agent).post(`/api/tickets/${second.id}/messages`, { body: 'On it.' });
      expect(reply.statusCode).toBe(201);
      const history = await t.database.query<{ id: string }>('SELECT id FROM ticket_history WHERE ticket_id = $1', [
        second.id,
      ]);
      const messages = await t.database.query<{ id: string }>('SELECT id FROM ticket_messages WHERE ticket_id = $1', [
        second.id,
      ]);
      expect(history.length).toBeGreaterThan(0);
      expect(messages).toHaveLength(1);
      expect([...history, ...messages].map((r) => version(r.id))).toEqual(Array(history.length + 1).fill('7'));
      expect(messages[0]!.id > second.id).toBe(true);
    });

    it('Idempotency-Key: same key and body return the same ticket, also at once; another body is a 422', async () => {
      const key = { 'idempotency-key': `key-${Date.now()}` };
      const [a, b, c] = await Promise.all([
        create(customer, {}, key),
        create(customer, {}, key),
        create(customer, {}, key),
      ]);
      const ids = [a, b, c].map((r) => r.json().data.ticket.id);
      expect([a, b, c].map((r) => r.statusCode)).toEqual([201, 201, 201]);
      expect(new Set(ids).size).toBe(1);
      expect([a, b, c].filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
      const later = await create(customer, {}, key);
      expect(later.json().data.ticket.id).toBe(ids[0]);
      const rows = await t.database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM tickets WHERE id = $1 OR (subject = 'Printer on fire' AND created_at > now() - interval '1 second' AND id <> $1 AND customer_id = $2 AND false)",
        [ids[0], customer.id],
      );
      expect(rows[0]?.n).toBe(1);
      const different = await create(customer, { subject: 'Another thing' }, key);
      expectError(different, 422, 'IDEMPOTENCY_KEY_REUSED');
      const badKey = await create(customer, {}, { 'idempotency-key': 'has spaces in it' });
      expect(badKey.statusCode).toBe(400);
      // Keys are per user: the same key by someone else makes a new ticket.
      const other = await create(otherCustomer, {}, key);
      expect(other.statusCode).toBe(201);
      expect(other.json().data.ticket.id).not.toBe(ids[0]);
    });

    it('auto-assigns round-robin among active agents of the department, skipping deactivated ones', async () => {
      const auto = await f.department({ autoAssign: true });
      const a1 = await f.user({ role: 'AGENT', departments: [auto] });
      const a2 = await f.user({ role: 'AGENT', departments: [auto] });
      const a3 = await f.user({ role: 'AGENT', departments: [auto], isActive: false });
      await f.user({ role: 'CUSTOMER', departments: [auto] });
      const got: string[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await create(customer, { departmentId: auto.id });
        expect(res.statusCode).toBe(201);
        got.push(res.json().data.ticket.assignee.id);
      }
      expect(got).not.toContain(a3.id);
      expect(new Set(got)).toEqual(new Set([a1.id, a2.id]));
      expect(got[0]).not.toBe(got[1]);
      expect(got[0]).toBe(got[2]);
      expect(got[1]).toBe(got[3]);
      // Concurrent creations still alternate.
      const burst = await Promise.all(Array.from({ length: 6 }, () => create(customer, { departmentId: auto.id })));
      const counts = new Map<string, number>();
      for (const r of burst) {
        const id = r.json().data.ticket.assignee.id as string;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      expect([...counts.values()]).toEqual([3, 3]);
      // Off by default: no assignee.
      expect((await create(customer)).json().data.ticket.assignee).toBeNull();
    });
  });

  describe('detail and scope', () => {
    it('by uuid, #number and number; 404 with the same body for others and missing ids', async () => {
      const tk = await f.ticket({ customer, department: dept });
      for (const ref of [tk.id, `%23${tk.number}`, String(tk.number)]) {
        const res = await api(t, customer).get(`/api/tickets/${ref}`);
        expect(res.statusCode, ref).toBe(200);
        expect(res.json().data.ticket.id).toBe(tk.id);
      }
      const missing = await api(t, customer).get('/api/tickets/00000000-0000-4000-8000-000000000000');
      expect(missing.statusCode).toBe(404);
      for (const user of [otherCustomer, otherAgent]) {
        for (const ref of [tk.id, String(tk.number)]) {
          const res = await api(t, user).get(`/api/tickets/${ref}`);
          expect(res.statusCode).toBe(404);
          expect(res.json()).toEqual(missing.json());
        }
      }
      expect((await api(t, agent).get(`/api/tickets/${tk.id}`)).statusCode).toBe(200);
      expect((await api(t, admin).get(`/api/tickets/${tk.id}`)).statusCode).toBe(200);
      expect((await api(t).get(`/api/tickets/${tk.id}`)).statusCode).toBe(401);
      expect((await api(t, customer).get('/api/tickets/not-a-ref')).statusCode).toBe(400);
    });

    it('other customers and departments cannot write to a ticket either (404)', async () => {
      const tk = await f.ticket({ customer, department: dept });
      const attempts = [
        ['PATCH', `/api/tickets/${tk.id}`, { version: 1, statusId: statuses.Closed }],
        ['POST', `/api/tickets/${tk.id}/messages`, { body: 'hi' }],
        ['GET', `/api/tickets/${tk.id}/history`, undefined],
        ['POST', `/api/tickets/${tk.id}/assign-to-me`, undefined],
      ] as const;
      for (const user of [otherCustomer, otherAgent]) {
        for (const [method, url, body] of attempts) {
          const res = await api(t, user).request(method, url, body);
          expect(res.statusCode, `${method} ${url}`).toBe(404);
        }
      }
      const rows = await t.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM ticket_messages WHERE ticket_id = $1',
        [tk.id],
      );
      expect(rows[0]?.n).toBe(0);
    });
  });

  describe('conversation and internal notes', () => {
    it('customers never see internal notes: detail, counts, history', async () => {
      const tk = await f.ticket({ customer, department: dept });
      expect((await api(t, customer).post(`/api/tickets/${tk.id}/messages`, { body: 'Any news?' })).statusCode).toBe(
        201,
      );
      const note = await api(t, agent).post(`/api/tickets/${tk.id}/messages`, {
        body: 'Secret: customer is VIP',
        isInternal: true,
      });
      expect(note.statusCode).toBe(201);
      expect(note.json().data.isInternal).toBe(true);
      const reply = await api(t, agent).post(`/api/tickets/${tk.id}/messages`, { body: 'Working on it' });
      expect(reply.json().data.author).toMatchObject({ id: agent.id, role: 'AGENT' });

      const asCustomer = await api(t, customer).get(`/api/tickets/${tk.id}`);
      expect(asCustomer.body).not.toContain('Secret');
      expect(asCustomer.json().data.messages.map((m: { body: string }) => m.body)).toEqual([
        'Any news?',
        'Working on it',
      ]);
      expect(asCustomer.json().data.ticket.messageCount).toBe(2);
      const asAgent = await api(t, agent).get(`/api/tickets/${tk.id}`);
      expect(asAgent.json().data.messages).toHaveLength(3);
      // The reply's answer is the message exactly as the conversation shows it afterwards.
      expect(asAgent.json().data.messages[2]).toEqual(reply.json().data);
      expect(asAgent.json().data.messages[1]).toEqual(note.json().data);
      expect(asAgent.json().data.ticket.messageCount).toBe(3);
      expect(asAgent.json().data.allowedActions).toContain('internal_note');

      const histCustomer = await api(t, customer).get(`/api/tickets/${tk.id}/history`);
      expect(histCustomer.json().data.map((h: { action: string }) => h.action)).not.toContain('note_added');
      const histAgent = await api(t, agent).get(`/api/tickets/${tk.id}/history`);
      expect(histAgent.json().data.map((h: { action: string }) => h.action)).toContain('note_added');

      const queue = await api(t, customer).get('/api/tickets?limit=100');
      const item = queue.json().data.find((x: { id: string }) => x.id === tk.id);
      expect(item.messageCount).toBe(2);
    });

    it('customers cannot post internal notes (403) and nothing is written', async () => {
      const tk = await f.ticket({ customer, department: dept });
      const res = await api(t, customer).post(`/api/tickets/${tk.id}/messages`, { body: 'x', isInternal: true });
      expect(res.statusCode).toBe(403);
      const rows = await t.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM ticket_messages WHERE ticket_id = $1',
        [tk.id],
      );
      expect(rows[0]?.n).toBe(0);
      expect((await api(t, customer).post(`/api/tickets/${tk.id}/messages`, { body: '   ' })).statusCode).toBe(400);
      expect(
        (await api(t, customer).post(`/api/tickets/${tk.id}/messages`, { body: 'x', html: '<b>' })).statusCode,
      ).toBe(400);
    });

    it('a customer reply on a waiting or closed ticket puts it back to Open; bodies stay plain text', async () => {
      for (const status of ['Waiting on Customer', 'Closed']) {
        const tk = await f.ticket({ customer, department: dept, status });
        const body = '<script>alert(1)</script> **still broken**';
        const res = await api(t, customer).post(`/api/tickets/${tk.id}/messages`, { body });
        expect(res.json().data.body).toBe(body);
        const detail = (await api(t, customer).get(`/api/tickets/${tk.id}`)).json().data.ticket;
        expect(detail.status.name).toBe('Open');
        expect(detail.closedAt).toBeNull();
        expect(detail.version).toBe(tk.version + 1);
      }
    });

    it('the first public agent reply sets first_response_at', async () => {
      const tk = await f.ticket({ customer, department: dept });
      await api(t, agent).post(`/api/tickets/${tk.id}/messages`, { body: 'note', isInternal: true });
      let rows = await t.database.query<{ at: Date | null }>(
        'SELECT first_response_at AS at FROM tickets WHERE id = $1',
        [tk.id],
      );
      expect(rows[0]?.at).toBeNull();
      await api(t, agent).post(`/api/tickets/${tk.id}/messages`, { body: 'reply' });
      rows = await t.database.query<{ at: Date | null }>('SELECT first_response_at AS at FROM tickets WHERE id = $1', [
        tk.id,
      ]);
      expect(rows[0]?.at).not.toBeNull();
    });
  });

  describe('update', () => {
    it('changes fields, bumps the version, writes history; a stale version is a 409 with the current ticket', async () => {
      const tk = await f.ticket({ customer, department: dept });
      const res = await api(t, agent).patch(`/api/tickets/${tk.id}`, {
        version: 1,
        statusId: statuses['In Progress'],
        priorityId: priorities.Urgent,
        subject: 'Renamed',
        assignedToId: agent2.id,
      });
      const { ticket } = expectOk(res, ticketDetailSchema);
      expect(ticket).toMatchObject({ version: 2, subject: 'Renamed', assignee: { id: agent2.id } });
      expect(ticket.status.name).toBe('In Progress');
      const stale = await api(t, agent2).patch(`/api/tickets/${tk.id}`, { version: 1, subject: 'Mine' });
      expectError(stale, 409, 'VERSION_CONFLICT');
      expect(stale.json().current).toMatchObject({ id: tk.id, version: 2, subject: 'Renamed' });
      const history = (await api(t, agent).get(`/api/tickets/${tk.id}/history`)).json().data;
      const fields = history.map((h: { field: string | null }) => h.field);
      expect(fields).toEqual(expect.arrayContaining(['status', 'priority', 'subject', 'assignee']));
      const statusEvent = history.find((h: { field: string }) => h.field === 'status');
      expect(statusEvent).toMatchObject({
        action: 'status_changed',
        oldValue: 'Open',
        newValue: 'In Progress',
        actor: { id: agent.id },
      });
    });

    it('closing sets closed_at, reopening clears it; customers may only close or reopen their own', async () => {
      const tk = await f.ticket({ customer, department: dept });
      const closed = await api(t, customer).patch(`/api/tickets/${tk.id}`, {
        version: 1,
        statusId: statuses.Resolved,
      });
      expect(closed.statusCode).toBe(200);
      expect(closed.json().data.ticket.closedAt).not.toBeNull();
      expect(closed.json().data.allowedActions).toContain('reopen');
      const reopened = await api(t, customer).patch(`/api/tickets/${tk.id}`, {
        version: 2,
        statusId: statuses.Open,
      });
      expect(reopened.json().data.ticket.closedAt).toBeNull();
      // Open → In Progress is not closing or reopening.
      expect(
        (await api(t, customer).patch(`/api/tickets/${tk.id}`, { version: 3, statusId: statuses['In Progress'] }))
          .statusCode,
      ).toBe(403);
      for (const body of [{ priorityId: priorities.Urgent }, { subject: 'x' }, { assignedToId: agent.id }]) {
        expect((await api(t, customer).patch(`/api/tickets/${tk.id}`, { version: 3, ...body })).statusCode).toBe(403);
      }
    });

    it('the assignee must be an active agent of the department (422); moving departments unassigns', async () => {
      const tk = await f.ticket({ customer, department: dept });
      const inactive = await f.user({ role: 'AGENT', departments: [dept], isActive: false });
      // A member whose custom role cannot open the department's tickets is not an agent of it.
      const superAdmin = await f.user({ role: 'SUPER_ADMIN' });
      const role = await api(t, superAdmin).post('/api/roles', {
        name: 'PARTNER',
        description: 'Files and follows own tickets',
        permissions: ['tickets.create', 'tickets.view_own', 'tickets.reply'],
      });
      expect(role.statusCode).toBe(201);
      const partner = await f.user({ role: 'PARTNER', departments: [dept] });
      for (const who of [otherAgent.id, customer.id, inactive.id, partner.id, '00000000-0000-4000-8000-000000000000']) {
        const res = await api(t, agent).patch(`/api/tickets/${tk.id}`, { version: 1, assignedToId: who });
        expect(res.statusCode).toBe(422);
      }
      await api(t, agent).patch(`/api/tickets/${tk.id}`, { version: 1, assignedToId: agent.id });
      const moved = await api(t, agent).patch(`/api/tickets/${tk.id}`, { version: 2, departmentId: otherDept.id });
      expect(moved.statusCode).toBe(200);
      expect(moved.json().data.ticket).toMatchObject({ department: { id: otherDept.id }, assignee: null, version: 3 });
    });

    it('bad bodies are 400', async () => {
      const tk = await f.ticket({ customer, department: dept });
      for (const body of [
        {},
        { version: 1 },
        { version: 'x', subject: 'a' },
        { version: 1, statusId: 'x' },
        { version: 1, foo: 1 },
      ]) {
        expect((await api(t, agent).patch(`/api/tickets/${tk.id}`, body)).statusCode).toBe(400);
      }
    });
  });

  describe('assign-to-me', () => {
    it('exactly one agent wins a race; the others get a 409 with the current ticket', async () => {
      const tk = await f.ticket({ customer, department: dept });
      const racers = [agent, agent2, await f.user({ role: 'AGENT', departments: [dept] })];
      const results = await Promise.all(racers.map((a) => api(t, a).post(`/api/tickets/${tk.id}/assign-to-me`)));
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 409, 409]);
      const winner = results.find((r) => r.statusCode === 200)!.json().data.ticket.assignee.id;
      for (const r of results.filter((x) => x.statusCode === 409)) {
        expect(r.json().current.assignee.id).toBe(winner);
      }
      const history = (await api(t, agent).get(`/api/tickets/${tk.id}/history`)).json().data;
      expect(history.filter((h: { action: string }) => h.action === 'assigned')).toHaveLength(1);
    });

    it('customers cannot take tickets (403)', async () => {
      const tk = await f.ticket({ customer, department: dept });
      expect((await api(t, customer).post(`/api/tickets/${tk.id}/assign-to-me`)).statusCode).toBe(403);
    });
  });

  describe('bulk', () => {
    it('changes each ticket as if alone and reports per ticket', async () => {
      const a = await f.ticket({ customer, department: dept });
      const b = await f.ticket({ customer, department: dept });
      const foreign = await f.ticket({ customer, department: otherDept });
      const res = await api(t, agent).post('/api/tickets/bulk', {
        ticketIds: [a.id, b.id, foreign.id],
        changes: { priorityId: priorities.High, assignedToId: agent.id },
      });
      expect(res.statusCode).toBe(200);
      const results = res.json().data;
      expect(results[0]).toMatchObject({ ticketId: a.id, ok: true, version: 2 });
      expect(results[1]).toMatchObject({ ticketId: b.id, ok: true });
      expect(results[2]).toMatchObject({ ticketId: foreign.id, ok: false, error: { code: 'NOT_FOUND' } });
      const rows = await t.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = $1',
        [foreign.id],
      );
      expect(rows[0]?.n).toBe(0);
    });

    it('customers are refused; more than 100 ids or bad changes are 400', async () => {
      const a = await f.ticket({ customer, department: dept });
      expect(
        (
          await api(t, customer).post('/api/tickets/bulk', {
            ticketIds: [a.id],
            changes: { statusId: statuses.Closed },
          })
        ).statusCode,
      ).toBe(403);
      const many = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      expect(
        (await api(t, agent).post('/api/tickets/bulk', { ticketIds: many, changes: { statusId: statuses.Closed } }))
          .statusCode,
      ).toBe(400);
      expect((await api(t, agent).post('/api/tickets/bulk', { ticketIds: [a.id], changes: {} })).statusCode).toBe(400);
      expect(
        (
          await api(t, agent).post('/api/tickets/bulk', {
            ticketIds: [a.id, a.id],
            changes: { statusId: statuses.Closed },
          })
        ).statusCode,
      ).toBe(400);
      expect(
        (await api(t, agent).post('/api/tickets/bulk', { ticketIds: [a.id], changes: { subject: 'x' } })).statusCode,
      ).toBe(400);
    });
  });

  describe('delete', () => {
    it('needs tickets.delete; removes the ticket with its messages and history', async () => {
      const tk = await f.ticket({ customer, department: dept });
      await f.message({ ticket: tk, author: customer });
      await api(t, agent).post(`/api/tickets/${tk.id}/messages`, { body: 'note', isInternal: true });
      expect((await api(t, agent).delete(`/api/tickets/${tk.id}`)).statusCode).toBe(403);
      expect((await api(t, customer).delete(`/api/tickets/${tk.id}`)).statusCode).toBe(403);
      expect((await api(t, otherCustomer).delete(`/api/tickets/${tk.id}`)).statusCode).toBe(404);
      const res = await api(t, admin).delete(`/api/tickets/${tk.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ id: tk.id, deleted: true });
      for (const table of ['tickets', 'ticket_messages', 'ticket_history']) {
        const col = table === 'tickets' ? 'id' : 'ticket_id';
        const rows = await t.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${table} WHERE ${col} = $1`,
          [tk.id],
        );
        expect(rows[0]?.n, table).toBe(0);
      }
      expect((await api(t, admin).get(`/api/tickets/${tk.id}`)).statusCode).toBe(404);
    });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await api(t).get('/api/openapi.json')).json();
    for (const p of [
      '/api/tickets',
      '/api/tickets/{id}',
      '/api/tickets/{id}/messages',
      '/api/tickets/{id}/history',
      '/api/tickets/bulk',
      '/api/tickets/{id}/assign-to-me',
    ]) {
      expect(doc.paths[p], p).toBeDefined();
    }
  });
});
