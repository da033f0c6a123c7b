import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';

interface Item {
  id: string;
  number: number;
  subject: string;
  snippet?: string;
  messageCount: number;
  priority: { level: number };
  createdAt: string;
}

describe('tickets: queue, pagination and search', () => {
  const t = useTestApp();
  let f: ReturnType<typeof factories>;
  let deptA: { id: string };
  let deptB: { id: string };
  let customer: TestUser;
  let otherCustomer: TestUser;
  let agentA: TestUser;
  let agentB: TestUser;
  let admin: TestUser;
  let statuses: Record<string, string>;
  let priorities: Record<string, string>;

  const get = (user: TestUser, query: string) => api(t, user).get(`/api/tickets?${query}`);
  const ids = async (user: TestUser, query: string): Promise<string[]> => {
    const res = await get(user, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data.map((i: Item) => i.id);
  };

  beforeAll(async () => {
    f = factories(t.database);
    deptA = await f.department();
    deptB = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    otherCustomer = await f.user({ role: 'CUSTOMER' });
    agentA = await f.user({ role: 'AGENT', departments: [deptA] });
    agentB = await f.user({ role: 'AGENT', departments: [deptB] });
    admin = await f.user({ role: 'ADMIN' });
    const s = await t.database.query<{ id: string; name: string }>('SELECT id, name FROM ticket_statuses');
    statuses = Object.fromEntries(s.map((r) => [r.name, r.id]));
    const p = await t.database.query<{ id: string; name: string }>('SELECT id, name FROM ticket_priorities');
    priorities = Object.fromEntries(p.map((r) => [r.name, r.id]));
  });

  describe('scope and filters', () => {
    let mine: { id: string }[];
    let theirs: { id: string };
    let inB: { id: string };
    beforeAll(async () => {
      mine = [
        await f.ticket({ customer, department: deptA, subject: 'Scope one', priority: 'Urgent', assignee: agentA }),
        await f.ticket({ customer, department: deptA, subject: 'Scope two', status: 'Closed' }),
      ];
      theirs = await f.ticket({ customer: otherCustomer, department: deptA, subject: 'Scope three' });
      inB = await f.ticket({ customer, department: deptB, subject: 'Scope four' });
    });

    it('customers get only their own tickets, agents their departments, admins everything', async () => {
      const c = await ids(customer, 'limit=100');
      expect(c).toEqual(expect.arrayContaining([...mine.map((x) => x.id), inB.id]));
      expect(c).not.toContain(theirs.id);
      const a = await ids(agentA, 'limit=100');
      expect(a).toEqual(expect.arrayContaining([...mine.map((x) => x.id), theirs.id]));
      expect(a).not.toContain(inB.id);
      expect(await ids(agentB, 'limit=100')).toEqual([inB.id]);
      expect(await ids(admin, 'limit=100')).toEqual(
        expect.arrayContaining([...mine.map((x) => x.id), theirs.id, inB.id]),
      );
      expect((await api(t).get('/api/tickets')).statusCode).toBe(401);
      // A customer filtering by another customer still gets only their own tickets.
      expect(await ids(customer, `customerId=${otherCustomer.id}`)).toEqual([]);
    });

    it('filters by status, department, priority, assignee, customer and dates', async () => {
      const [urgent, closed] = mine as [{ id: string }, { id: string }];
      expect(await ids(agentA, 'status=closed')).toEqual([closed.id]);
      expect(await ids(agentA, 'status=open')).not.toContain(closed.id);
      expect(await ids(agentA, `status=${statuses.Closed},${statuses.Resolved}`)).toEqual([closed.id]);
      expect(await ids(agentA, `status=${statuses.Closed}&status=${statuses.Resolved}`)).toEqual([closed.id]);
      expect(await ids(agentA, `priorityId=${priorities.Urgent}`)).toEqual([urgent.id]);
      expect(await ids(agentA, 'assignee=me')).toEqual([urgent.id]);
      expect(await ids(agentA, `assignee=${agentA.id}`)).toEqual([urgent.id]);
      expect(await ids(agentA, 'assignee=none')).not.toContain(urgent.id);
      expect(await ids(agentA, `customerId=${otherCustomer.id}`)).toEqual([theirs.id]);
      expect(await ids(admin, `departmentId=${deptB.id}`)).toEqual([inB.id]);
      expect(await ids(admin, 'createdFrom=2999-01-01')).toEqual([]);
      expect((await ids(admin, 'createdTo=2999-01-01T00:00:00Z&updatedFrom=2000-01-01')).length).toBeGreaterThanOrEqual(
        4,
      );
    });

    it('every bad filter, sort or cursor is a 400 in the error shape', async () => {
      for (const q of [
        'sort=subject',
        'sort=created_at;drop',
        'order=sideways',
        'limit=0',
        'limit=101',
        'limit=abc',
        'status=bogus',
        'status=open,closed',
        'departmentId=nope',
        'priorityId=1',
        'assignee=someone',
        'customerId=x',
        'createdFrom=yesterday',
        'updatedTo=2024-13-45',
        'unknown=1',
        'cursor=garbage',
        // A well-formed cursor whose key is not a number: ["number", "desc", "1';"]
        'cursor=WyJudW1iZXIiLCJkZXNjIiwiMSc7Il0',
        'sort=relevance',
        `q=${'x'.repeat(10_000)}`,
      ]) {
        const res = await get(agentA, q);
        expect(res.statusCode, q.slice(0, 60)).toBe(400);
        expect(res.json()).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
      }
    });
  });

  describe('pagination', () => {
    it('walks every ticket once in a stable order, also with ties and inserts between pages', async () => {
      const dept = await f.department();
      const agent = await f.user({ role: 'AGENT', departments: [dept] });
      const same = new Date('2026-01-01T00:00:00.000Z');
      const made: string[] = [];
      for (let i = 0; i < 7; i++) made.push((await f.ticket({ customer, department: dept, createdAt: same })).id);
      for (let i = 0; i < 4; i++) made.push((await f.ticket({ customer, department: dept })).id);
      for (const sort of ['created_at', 'updated_at', 'number', 'priority']) {
        for (const order of ['desc', 'asc']) {
          const seen: string[] = [];
          let cursor: string | null = null;
          let pages = 0;
          do {
            const res = await get(agent, `limit=3&sort=${sort}&order=${order}${cursor ? `&cursor=${cursor}` : ''}`);
            expect(res.statusCode, res.body).toBe(200);
            const body = res.json();
            seen.push(...body.data.map((i: Item) => i.id));
            cursor = body.meta.nextCursor;
            if (pages === 0) {
              // A new ticket arriving while paging never shifts the pages that follow.
              await f.ticket({ customer, department: dept, createdAt: new Date('2030-01-01T00:00:00Z') });
            }
            pages++;
          } while (cursor && pages < 20);
          const original = seen.filter((id) => made.includes(id));
          expect(new Set(seen).size, `${sort} ${order}`).toBe(seen.length);
          expect(original.length, `${sort} ${order}`).toBe(made.length);
        }
      }
      // A cursor is bound to its sort.
      const first = (await get(agent, 'limit=2&sort=number')).json().meta.nextCursor;
      expect((await get(agent, `limit=2&sort=created_at&cursor=${first}`)).statusCode).toBe(400);
    });

    it('sorts by last activity: a reply or a customer message moves a ticket up, an internal note does not', async () => {
      const dept = await f.department();
      const agent = await f.user({ role: 'AGENT', departments: [dept] });
      const old = new Date('2026-01-01T00:00:00.000Z');
      const [a, b, c] = [
        await f.ticket({ customer, department: dept, subject: 'Activity A', createdAt: old }),
        await f.ticket({ customer, department: dept, subject: 'Activity B', createdAt: old }),
        await f.ticket({ customer, department: dept, subject: 'Activity C', createdAt: old }),
      ];
      const byActivity = (user: TestUser) => ids(user, `sort=updated_at&order=desc&departmentId=${dept.id}`);
      const reply = async (user: TestUser, id: string, body: string, isInternal = false) =>
        expect((await api(t, user).post(`/api/tickets/${id}/messages`, { body, isInternal })).statusCode).toBe(201);
      await reply(agent, b.id, 'A public answer');
      expect((await byActivity(agent))[0]).toBe(b.id);
      await reply(customer, a.id, 'A customer answer');
      expect((await byActivity(agent)).slice(0, 2)).toEqual([a.id, b.id]);
      // Customers cannot notice internal notes: the order stays.
      await reply(agent, c.id, 'A note', true);
      expect((await byActivity(agent)).slice(0, 2)).toEqual([a.id, b.id]);
      // A customer's own list in the same order (their few tickets, not the whole index).
      const mine = await ids(customer, 'sort=updated_at&order=desc&limit=100');
      expect(mine.filter((id) => [a.id, b.id, c.id].includes(id))).toEqual([a.id, b.id, c.id]);
      const asc = await byActivity(agent);
      expect((await ids(agent, `sort=updated_at&order=asc&departmentId=${dept.id}`)).reverse()).toEqual(asc);
      // Closing moves a ticket from the open range to the closed one; a move to another department
      // takes it out of this agent's walk and into that department's (decision 027).
      const version = async (id: string) => (await api(t, agent).get(`/api/tickets/${id}`)).json().data.ticket.version;
      const closed = await api(t, agent).patch(`/api/tickets/${b.id}`, {
        version: await version(b.id),
        statusId: statuses.Closed,
      });
      expect(closed.statusCode, closed.body).toBe(200);
      expect(await ids(agent, `sort=updated_at&status=closed&departmentId=${dept.id}`)).toEqual([b.id]);
      expect(await ids(agent, `sort=updated_at&status=open&departmentId=${dept.id}`)).toEqual([a.id, c.id]);
      const other = await f.department();
      const otherAgent = await f.user({ role: 'AGENT', departments: [other] });
      const moved = await api(t, admin).patch(`/api/tickets/${c.id}`, {
        version: await version(c.id),
        departmentId: other.id,
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(await ids(agent, `sort=updated_at&status=open&departmentId=${dept.id}`)).toEqual([a.id]);
      expect(await ids(otherAgent, 'sort=updated_at&status=open')).toEqual([c.id]);
      // A department the agent is not in: nothing, not the department's tickets.
      expect(await ids(otherAgent, `sort=updated_at&departmentId=${dept.id}`)).toEqual([]);
    });

    it('sorts by priority level, then newest', async () => {
      const dept = await f.department();
      const agent = await f.user({ role: 'AGENT', departments: [dept] });
      await f.ticket({ customer, department: dept, priority: 'Low' });
      await f.ticket({ customer, department: dept, priority: 'Urgent' });
      await f.ticket({ customer, department: dept, priority: 'Normal' });
      const res = await get(agent, 'sort=priority');
      expect(res.json().data.map((i: Item) => i.priority.level)).toEqual([40, 20, 10]);
      const asc = await get(agent, 'sort=priority&order=asc');
      expect(asc.json().data.map((i: Item) => i.priority.level)).toEqual([10, 20, 40]);
    });
  });

  describe('search', () => {
    let dept: { id: string };
    let agent: TestUser;
    let subjectHit: { id: string; number: number };
    let bodyHit: { id: string };
    let messageHit: { id: string };
    let noteOnly: { id: string };
    beforeAll(async () => {
      dept = await f.department();
      agent = await f.user({ role: 'AGENT', departments: [dept] });
      subjectHit = await f.ticket({
        customer,
        department: dept,
        subject: 'Invoice totals are wrong',
        description: 'See attached.',
        // Strictly the oldest: the embedded database's clock can give consecutive inserts one time.
        createdAt: new Date(Date.now() - 60_000),
      });
      bodyHit = await f.ticket({
        customer,
        department: dept,
        subject: 'Billing',
        description: 'The invoice shows an old address.',
      });
      messageHit = await f.ticket({ customer, department: dept, subject: 'Question', description: 'Hello.' });
      await f.message({ ticket: messageHit, author: customer, body: 'Also my refund never arrived.' });
      noteOnly = await f.ticket({
        customer,
        department: dept,
        subject: 'Login trouble',
        description: 'Cannot sign in.',
      });
      await f.message({
        ticket: noteOnly,
        author: agent,
        body: 'Zebracorn fraud suspected, refund blocked',
        isInternal: true,
      });
      await f.ticket({
        customer: otherCustomer,
        department: dept,
        subject: 'Invoice for someone else',
        description: 'x',
      });
    });

    it('ranks subject matches above description matches and highlights with plain-text markers', async () => {
      const res = await get(agent, 'q=invoice');
      const data: Item[] = res.json().data;
      const order = data.map((i) => i.id);
      expect(order.slice(0, 2)).toContain(subjectHit.id);
      expect(order.indexOf(bodyHit.id)).toBeGreaterThan(order.indexOf(subjectHit.id));
      const body = data.find((i) => i.id === bodyHit.id)!;
      expect(body.snippet).toContain('[[invoice]]');
      expect(body.snippet).not.toMatch(/<b>/);
    });

    it('matches the last word as a prefix, across messages, only within scope', async () => {
      expect(await ids(agent, 'q=invo')).toEqual(expect.arrayContaining([subjectHit.id, bodyHit.id]));
      expect(await ids(agent, 'q=refund')).toEqual(expect.arrayContaining([messageHit.id, noteOnly.id]));
      const mine = await ids(customer, 'q=invoice');
      expect(mine).toEqual(expect.arrayContaining([subjectHit.id, bodyHit.id]));
      expect(mine).toHaveLength(2);
      expect(await ids(agentB, 'q=invoice')).toEqual([]);
    });

    it('internal notes never match or leak for customers', async () => {
      expect(await ids(customer, 'q=zebracorn')).toEqual([]);
      const res = await get(customer, 'q=refund');
      expect(res.json().data.map((i: Item) => i.id)).toEqual([messageHit.id]);
      expect(res.body).not.toMatch(/zebracorn|fraud/i);
      const asAgent = await get(agent, 'q=zebracorn');
      expect(asAgent.json().data.map((i: Item) => i.id)).toEqual([noteOnly.id]);
      expect(asAgent.json().data[0].snippet).toContain('[[Zebracorn]]');
      const count = (await get(customer, 'q=login')).json().data[0];
      expect(count.messageCount).toBe(0);
    });

    it('#1042 and 1042 jump to the ticket', async () => {
      expect(await ids(agent, `q=%23${subjectHit.number}`)).toEqual([subjectHit.id]);
      expect(await ids(agent, `q=${subjectHit.number}`)).toEqual([subjectHit.id]);
      expect(await ids(agentB, `q=%23${subjectHit.number}`)).toEqual([]);
      expect(await ids(agent, 'q=%23999999999')).toEqual([]);
    });

    it('odd input is a result, never a 500', async () => {
      for (const q of [
        '%',
        '_',
        "'",
        '"',
        '\\',
        "o'brien",
        'a & b | !c',
        ':*',
        '()',
        '😀',
        'invoice 😀',
        '<b>x</b>',
        'the',
        'x'.repeat(500),
        '-- ;',
        '%00',
      ]) {
        const res = await get(agent, `q=${encodeURIComponent(q)}`);
        expect(res.statusCode, q.slice(0, 20)).toBe(200);
      }
      expect(await ids(agent, `q=${encodeURIComponent('INVOICE!!!')}`)).toContain(subjectHit.id);
    });

    it('a common word (a full page among the newest tickets) pages newest first, still without internal notes', async () => {
      const dense = await f.department();
      const denseAgent = await f.user({ role: 'AGENT', departments: [dense] });
      const buyer = await f.user({ role: 'CUSTOMER' });
      const made: string[] = [];
      for (let i = 0; i < 30; i++) {
        // Distinct times: PGlite's clock may give two quick inserts the same now().
        const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
        const tk = await f.ticket({ customer: buyer, department: dense, subject: `Gadget problem ${i}`, createdAt });
        made.push(tk.id);
        if (i === 3)
          await f.message({ ticket: tk, author: denseAgent, body: 'gadget hushhush remark', isInternal: true });
      }
      for (const user of [denseAgent, buyer]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await get(user, `q=gadget${cursor ? `&cursor=${cursor}` : ''}`);
          expect(res.statusCode, res.body).toBe(200);
          if (user === buyer) expect(res.body).not.toContain('hushhush');
          seen.push(...res.json().data.map((i: Item) => i.id));
          cursor = res.json().meta.nextCursor;
        } while (cursor && seen.length < 100);
        expect(new Set(seen).size).toBe(30);
        expect(seen).toEqual([...made].reverse());
      }
      expect(await ids(buyer, 'q=hushhush')).toEqual([]);
      expect(await ids(denseAgent, 'q=hushhush')).toHaveLength(1);
    });

    it('pages through search results by relevance and by date', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(agent, `q=invoice&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...res.json().data.map((i: Item) => i.id));
        cursor = res.json().meta.nextCursor;
      } while (cursor && seen.length < 10);
      expect(seen).toHaveLength(3);
      expect(new Set(seen).size).toBe(3);
      const byDate = await get(agent, 'q=invoice&sort=created_at&order=asc');
      expect(byDate.json().data[0].id).toBe(subjectHit.id);
    });
  });
});
