import type { TicketListItem } from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from './api.js';
import { useTestApp } from './build-test-app.js';
import { factories, type TestUser } from './factories.js';
import { outsideSql } from './outside-sql.js';

const TOKEN = 'reference-cache-metrics-token-0123';

/**
 * Tags, custom field definitions and "who asked for new-ticket notifications" are kept in memory
 * per process (docs/decisions/016-perf16-reference-caches.md). Like the caches of
 * backend/test/caches.test.ts they must never answer with what was true before a committed change:
 * one this process made (the very next request sees it) or one made elsewhere (another worker,
 * the CLI, psql: seen as soon as the change feed delivers it).
 */
describe('reference caches: tags, custom fields, new-ticket opt-ins', () => {
  const t = useTestApp({ METRICS_TOKEN: TOKEN });
  let dept: { id: string };
  let admin: TestUser;
  let agent: TestUser;
  let customer: TestUser;
  let n = 0;
  const fresh = (base: string) => `${base}-${Date.now().toString(36)}-${++n}`;

  beforeAll(async () => {
    const f = factories(t.database);
    dept = await f.department();
    admin = await f.user({ role: 'ADMIN', departments: [dept] });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    customer = await f.user();
  });

  async function lookups(cache: string, result: 'hit' | 'miss'): Promise<number> {
    const res = await api(t).get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    const m = new RegExp(`helpdesk_cache_lookups_total\\{cache="${cache}",result="${result}"\\} (\\d+)`).exec(res.body);
    return m ? Number(m[1]) : 0;
  }
  const hits = (cache: string) => lookups(cache, 'hit');

  /** Repeats `request` until an answer came from the cache `cache` (the feed connects in the background). */
  async function warm(cache: string, request: () => Promise<unknown>) {
    for (let i = 0; i < 100; i++) {
      const before = await hits(cache);
      await request();
      if ((await hits(cache)) > before) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`the ${cache} cache never answered`);
  }

  const outside = (text: string, params: unknown[]) => outsideSql(t, text, params);

  /** `read()` once it satisfies `ok` (a change made elsewhere arrives within milliseconds), else its last answer. */
  async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
    let value = await read();
    for (let i = 0; i < 100 && !ok(value); i++) {
      await new Promise((r) => setTimeout(r, 20));
      value = await read();
    }
    return value;
  }

  const queue = async (query: string) => {
    const res = await api(t, agent).get(`/api/tickets?departmentId=${dept.id}&limit=100&${query}`);
    return {
      status: res.statusCode,
      ids: res.statusCode === 200 ? (res.json().data as { id: string }[]).map((x) => x.id) : [],
    };
  };

  it('a renamed tag filters the queue by its new name at once; a rename elsewhere arrives', async () => {
    const ticket = await factories(t.database).ticket({ customer, department: dept });
    const name = fresh('cache-tag');
    const tagged = await api(t, agent).post(`/api/tickets/${ticket.id}/tags`, { name });
    expect(tagged.statusCode, tagged.body).toBe(200);
    const tagId = (tagged.json().data as { id: string; name: string }[]).find((x) => x.name === name)?.id;
    await warm('tags', () => queue(`tagsAny=${name}`));
    expect((await queue(`tagsAny=${name}`)).ids).toEqual([ticket.id]);

    // Through the API, on this process: the very next queue request knows the new name only.
    const renamed = `${name}-new`;
    expect((await api(t, admin).patch(`/api/tags/${tagId}`, { name: renamed })).statusCode).toBe(200);
    expect((await queue(`tagsAny=${renamed}`)).ids).toEqual([ticket.id]);
    expect((await queue(`tagsAny=${name}`)).ids).toEqual([]);

    // Elsewhere (psql): seen once the change feed delivers it.
    const third = `${name}-psql`;
    await warm('tags', () => queue(`tagsAny=${renamed}`));
    await outside('UPDATE tags SET name = $1 WHERE id = $2', [third, tagId]);
    expect(
      (
        await eventually(
          () => queue(`tagsAny=${third}`),
          (r) => r.ids.length === 1,
        )
      ).ids,
    ).toEqual([ticket.id]);
    expect((await queue(`tagsAny=${renamed}`)).ids).toEqual([]);
  });

  it('custom field changes apply to the queue filters, the sidebar and new tickets at once', async () => {
    const key = `cache_tier_${++n}`;
    const created = await api(t, admin).post('/api/custom-fields', {
      key,
      label: 'Tier',
      type: 'select',
      options: [{ label: 'Gold' }],
      departmentIds: [dept.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const field = created.json().data as { id: string; options: { id: string; label: string; retired: boolean }[] };
    const gold = field.options[0]?.id ?? '';
    const ticket = await factories(t.database).ticket({ customer, department: dept });
    const set = await api(t, agent).patch(`/api/tickets/${ticket.id}`, { version: 1, customFields: { [key]: gold } });
    expect(set.statusCode, set.body).toBe(200);
    await warm('custom_fields', () => queue(`field=${key}:${gold}`));
    expect((await queue(`field=${key}:${gold}`)).ids).toEqual([ticket.id]);

    // A new option, added through the API, can be set and filtered by in the next requests.
    const patched = await api(t, admin).patch(`/api/custom-fields/${field.id}`, {
      options: [...field.options, { label: 'Silver', retired: false }],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const silver = (patched.json().data as typeof field).options.find((o) => o.label === 'Silver')?.id ?? '';
    const moved = await api(t, agent).patch(`/api/tickets/${ticket.id}`, {
      version: 2,
      customFields: { [key]: silver },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await queue(`field=${key}:${silver}`)).ids).toEqual([ticket.id]);
    expect((await queue(`field=${key}:${gold}`)).ids).toEqual([]);

    // Required on create, switched on through the API: the next create without it is refused.
    expect((await api(t, admin).patch(`/api/custom-fields/${field.id}`, { requiredOnCreate: true })).statusCode).toBe(
      200,
    );
    const missing = await api(t, customer).post('/api/tickets', {
      subject: 'S',
      description: 'D',
      departmentId: dept.id,
    });
    expect(missing.statusCode).toBe(201); // staff-only field: customers are not asked for it
    const byStaff = await api(t, agent).post('/api/tickets', {
      subject: 'S',
      description: 'D',
      departmentId: dept.id,
      customerId: customer.id,
    });
    expect(byStaff.statusCode).toBe(422);
    expect(byStaff.json().error.code).toBe('CUSTOM_FIELD_REQUIRED');

    // Archived elsewhere (psql): the filter and the sidebar forget the field once the feed delivers it.
    await warm('custom_fields', () => queue(`field=${key}:${silver}`));
    await outside('UPDATE custom_fields SET archived_at = now() WHERE id = $1', [field.id]);
    expect(
      (
        await eventually(
          () => queue(`field=${key}:${silver}`),
          (r) => r.status === 400,
        )
      ).status,
    ).toBe(400);
    const sidebar = await api(t, agent).get(`/api/tickets/${ticket.id}/custom-fields`);
    expect((sidebar.json().data as { key: string }[]).map((x) => x.key)).not.toContain(key);
  });

  it('new-ticket notifications: opting in, through the API or elsewhere, applies to the next ticket', async () => {
    const f = factories(t.database);
    const quiet = await f.department();
    const listener = await f.user({ role: 'AGENT', departments: [quiet] });
    const newTickets = async () =>
      ((await api(t, listener).get('/api/notifications?type=new_ticket')).json().data as unknown[]).length;
    const file = async () => {
      const res = await api(t, customer).post('/api/tickets', {
        subject: 'Hi',
        description: 'D',
        departmentId: quiet.id,
      });
      expect(res.statusCode).toBe(201);
    };
    // Nobody in the department asked: known from the cache, nobody is told.
    await warm('new_ticket_optins', file);
    expect(await newTickets()).toBe(0);

    expect((await api(t, listener).patch('/api/auth/me', { notifyNewUnassigned: true })).statusCode).toBe(200);
    await file();
    expect(await newTickets()).toBe(1);

    await warm('new_ticket_optins', file);
    const told = await newTickets();
    await outside('UPDATE users SET notify_new_unassigned = false WHERE id = $1', [listener.id]);
    // Once the change has arrived, a new ticket tells nobody.
    let count = told;
    for (let i = 0; i < 100; i++) {
      await file();
      const now = await newTickets();
      if (now === count) break;
      count = now;
      await new Promise((r) => setTimeout(r, 20));
    }
    await file();
    expect(await newTickets()).toBe(count);
  });

  /** The ticket's row in the agent's queue. */
  const queueRow = async (ticketId: string) => {
    const res = await api(t, agent).get(`/api/tickets?departmentId=${dept.id}&limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    const found = (res.json().data as TicketListItem[]).find((x) => x.id === ticketId);
    if (!found) throw new Error('the ticket is not in its queue');
    return found;
  };

  it('queue rows name their status, priority, department and tags from memory, never an old name', async () => {
    const ticket = await factories(t.database).ticket({ customer, department: dept });
    const tagName = fresh('row-tag');
    const tagged = await api(t, agent).post(`/api/tickets/${ticket.id}/tags`, { name: tagName });
    expect(tagged.statusCode, tagged.body).toBe(200);
    const tagId = (tagged.json().data as { id: string; name: string }[]).find((x) => x.name === tagName)?.id;
    const row = () => queueRow(ticket.id);
    await warm('departments', row);
    await warm('reference', row);
    await warm('tags', row);
    const first = await row();
    expect(first.tags?.map((x) => x.name)).toEqual([tagName]);
    const detail = (await api(t, agent).get(`/api/tickets/${ticket.id}`)).json().data.ticket as TicketListItem;
    // The row names what the ticket's own page names.
    expect(first).toMatchObject({
      status: detail.status,
      priority: detail.priority,
      department: detail.department,
      tags: detail.tags,
    });

    // Renamed through the API, on this process: the very next page has the new names.
    const deptName = fresh('Renamed desk');
    expect((await api(t, admin).patch(`/api/departments/${dept.id}`, { name: deptName })).statusCode).toBe(200);
    expect((await api(t, admin).patch(`/api/tags/${tagId}`, { name: `${tagName}-new` })).statusCode).toBe(200);
    const renamed = await row();
    expect(renamed.department).toEqual({ id: dept.id, name: deptName });
    expect(renamed.tags?.map((x) => x.name)).toEqual([`${tagName}-new`]);

    // A status created elsewhere and given to the ticket before this process heard of it: its
    // trigger is off for that transaction, so no notice ever comes and the snapshot stays without it.
    // The row still names it (a snapshot is read again for an id it lacks).
    await warm('reference', row);
    const statusName = fresh('Escalated elsewhere');
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE ticket_statuses DISABLE TRIGGER announce_ticket_statuses_change`);
      await tx.execute(sql`WITH s AS (INSERT INTO ticket_statuses (name, color, sort_order)
          VALUES (${statusName}, '#aa3300', 90) RETURNING id)
        UPDATE tickets SET status_id = (SELECT id FROM s) WHERE id = ${ticket.id}`);
      await tx.execute(sql`ALTER TABLE ticket_statuses ENABLE TRIGGER announce_ticket_statuses_change`);
    });
    expect((await row()).status).toMatchObject({ name: statusName, color: '#aa3300', isClosed: false });

    // Renamed elsewhere (psql): seen once the change feed delivers it.
    await warm('departments', row);
    const elsewhere = fresh('Desk via psql');
    await outside('UPDATE departments SET name = $1 WHERE id = $2', [elsewhere, dept.id]);
    expect((await eventually(row, (r) => r.department.name === elsewhere)).department.name).toBe(elsewhere);
  });

  it('queue rows name their customer and assignee from memory, never an old name', async () => {
    const f = factories(t.database);
    const person = await f.user();
    const helper = await f.user({ role: 'AGENT', departments: [dept] });
    const ticket = await f.ticket({ customer: person, department: dept, assignee: helper });
    const row = () => queueRow(ticket.id);
    await warm('user_names', row);
    const detail = (await api(t, agent).get(`/api/tickets/${ticket.id}`)).json().data.ticket as TicketListItem;
    // The row names what the ticket's own page names.
    expect(await row()).toMatchObject({ customer: detail.customer, assignee: detail.assignee });
    expect(detail.customer).toEqual({ id: person.id, name: person.name });

    // Renamed by an admin, and by the assignee themself, through the API: the very next page.
    const customerName = fresh('Renamed customer');
    const renamed = await api(t, admin).patch(`/api/users/${person.id}`, { name: customerName });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await row()).customer).toEqual({ id: person.id, name: customerName });
    await warm('user_names', row);
    const helperName = fresh('Renamed agent');
    expect((await api(t, helper).patch('/api/auth/me', { name: helperName })).statusCode).toBe(200);
    expect((await row()).assignee).toEqual({ id: helper.id, name: helperName });

    // Renamed elsewhere (psql): seen once the change feed delivers it.
    await warm('user_names', row);
    const elsewhere = fresh('Customer via psql');
    await outside('UPDATE users SET name = $1 WHERE id = $2', [elsewhere, person.id]);
    expect((await eventually(row, (r) => r.customer.name === elsewhere)).customer.name).toBe(elsewhere);
  });

  it('filing reads the department from memory: deactivated or switched to round-robin, here or elsewhere, it applies', async () => {
    const f = factories(t.database);
    const desk = await f.department();
    const member = await f.user({ role: 'AGENT', departments: [desk] });
    const file = () =>
      api(t, customer).post('/api/tickets', {
        subject: 'Cannot sign in',
        description: 'Since today.',
        departmentId: desk.id,
      });
    const assigneeOf = async (res: Awaited<ReturnType<typeof file>>) =>
      res.statusCode === 201 ? (res.json().data.ticket.assignee?.id ?? null) : res.statusCode;
    await warm('departments', file);

    // Through the API, on this process: the very next ticket.
    expect((await api(t, admin).patch(`/api/departments/${desk.id}`, { autoAssign: true })).statusCode).toBe(200);
    expect(await assigneeOf(await file())).toBe(member.id);
    expect((await api(t, admin).patch(`/api/departments/${desk.id}`, { isActive: false })).statusCode).toBe(200);
    const refused = await file();
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toEqual([{ path: 'body.departmentId', message: 'Not an active department' }]);

    // Elsewhere (psql): once the change feed delivers it.
    await outside('UPDATE departments SET is_active = true, auto_assign = false WHERE id = $1', [desk.id]);
    expect(await assigneeOf(await eventually(file, (r) => r.statusCode === 201))).toBeNull();
    await warm('departments', file);
    await outside('UPDATE departments SET auto_assign = true WHERE id = $1', [desk.id]);
    const assigned = await eventually(file, (r) => r.statusCode === 201 && r.json().data.ticket.assignee !== null);
    expect(await assigneeOf(assigned)).toBe(member.id);
    await outside('UPDATE departments SET is_active = false WHERE id = $1', [desk.id]);
    expect((await eventually(file, (r) => r.statusCode === 422)).statusCode).toBe(422);
  });

  it("a department's round-robin turn (written by every auto-assigned ticket) keeps its names in memory", async () => {
    const ticket = await factories(t.database).ticket({ customer, department: dept });
    const tagged = await api(t, agent).post(`/api/tickets/${ticket.id}/tags`, { name: fresh('turn-tag') });
    const tagId = (tagged.json().data as { id: string }[])[0]?.id;
    const page = () => api(t, agent).get(`/api/tickets?departmentId=${dept.id}&limit=5`);
    await warm('departments', page);
    await warm('tags', page);
    const namesMissed = await lookups('departments', 'miss');
    const tagsMissed = await lookups('tags', 'miss');
    // The turn, then a change that is announced: once the second notice has arrived (the tags are
    // read again), the first would have too, as notices arrive in commit order.
    await outside('UPDATE departments SET last_assigned_user_id = $1 WHERE id = $2', [agent.id, dept.id]);
    await outside('UPDATE tags SET color = $1 WHERE id = $2', ['#225588', tagId]);
    await eventually(
      async () => {
        await page();
        return lookups('tags', 'miss');
      },
      (missed) => missed > tagsMissed,
    );
    await page();
    expect(await lookups('departments', 'miss')).toBe(namesMissed);
  });

  it('opening a ticket marks its unread notifications read; opened again, nothing changes', async () => {
    const ticket = await factories(t.database).ticket({ customer, department: dept });
    const reply = await api(t, customer).post(`/api/tickets/${ticket.id}/messages`, { body: 'Any news?' });
    expect(reply.statusCode, reply.body).toBe(201);
    const unread = async () =>
      (
        await t.database.query('SELECT 1 FROM notifications WHERE user_id = $1 AND ticket_id = $2 AND NOT is_read', [
          agent.id,
          ticket.id,
        ])
      ).length;
    expect(await unread()).toBe(1);
    expect((await api(t, agent).get(`/api/tickets/${ticket.id}`)).statusCode).toBe(200);
    expect(await unread()).toBe(0);
    const readAt = await t.database.query<{ read_at: Date }>(
      'SELECT read_at FROM notifications WHERE user_id = $1 AND ticket_id = $2',
      [agent.id, ticket.id],
    );
    // Opened again: nothing is unread, read_at stays as it was.
    expect((await api(t, agent).get(`/api/tickets/${ticket.id}`)).statusCode).toBe(200);
    expect(
      await t.database.query('SELECT read_at FROM notifications WHERE user_id = $1 AND ticket_id = $2', [
        agent.id,
        ticket.id,
      ]),
    ).toEqual(readAt);
  });
});
