import {
  bulkTagsResponseSchema,
  tagListResponseSchema,
  tagResponseSchema,
  tagUsageListResponseSchema,
  ticketHistoryResponseSchema,
} from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { listQueue } from '../tickets/queue.queries.js';
import { tagFilters } from '../tickets/tag-filters.js';
import { resolveTagFilter } from './tag-lookup.service.js';

const data = <T extends { shape: { data: unknown } }>(schema: T) => schema.shape.data as T['shape']['data'];

describe('tags', () => {
  const t = useTestApp();
  let f: ReturnType<typeof factories>;
  let deptA: { id: string };
  let deptB: { id: string };
  let customer: TestUser;
  let agentA: TestUser;
  let agentB: TestUser;
  let admin: TestUser;
  let n = 0;
  /** A tag name no other test uses. */
  const fresh = (base: string) => `${base}-${Date.now().toString(36)}-${++n}`;

  beforeAll(async () => {
    f = factories(t.database);
    deptA = await f.department();
    deptB = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    agentA = await f.user({ role: 'AGENT', departments: [deptA] });
    agentB = await f.user({ role: 'AGENT', departments: [deptB] });
    admin = await f.user({ role: 'ADMIN' });
  });

  const tag = (user: TestUser, ticket: { id: string }, name: string, color?: string) =>
    api(t, user).post(`/api/tickets/${ticket.id}/tags`, color ? { name, color } : { name });
  const queue = async (user: TestUser, query: string) => {
    const res = await api(t, user).get(`/api/tickets?limit=100&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().data as { id: string }[]).map((i) => i.id);
  };

  it('tags a ticket: normalised, created on first use, case-insensitive, in history for staff only', async () => {
    const ticket = await f.ticket({ customer, department: deptA });
    const name = fresh('Billing');
    const added = expectOk(
      await tag(agentA, ticket, `  ${name.replace('-', '   -')}  `, '#1c7ed6'),
      data(tagListResponseSchema),
    );
    expect(added).toEqual([{ id: expect.any(String), name: name.replace('-', ' -'), color: '#1c7ed6' }]);
    // The same name in another case is the same tag; adding it again changes nothing.
    const again = expectOk(
      await tag(agentA, ticket, name.replace('-', ' -').toUpperCase()),
      data(tagListResponseSchema),
    );
    expect(again).toEqual(added);

    const history = expectOk(
      await api(t, agentA).get(`/api/tickets/${ticket.id}/history`),
      data(ticketHistoryResponseSchema),
    );
    expect(history.filter((h) => h.action === 'tag_added').map((h) => h.newValue)).toEqual([added[0]?.name]);
    const seen = expectOk(
      await api(t, customer).get(`/api/tickets/${ticket.id}/history`),
      data(ticketHistoryResponseSchema),
    );
    expect(seen.some((h) => h.action.startsWith('tag_'))).toBe(false);

    // Staff see tags in the detail view and the queue; customers never get the field.
    const detail = await api(t, agentA).get(`/api/tickets/${ticket.id}`);
    expect(detail.json().data.ticket.tags).toEqual(added);
    const mine = await api(t, customer).get(`/api/tickets/${ticket.id}`);
    expect(mine.json().data.ticket).not.toHaveProperty('tags');
    const customerQueue = await api(t, customer).get('/api/tickets?limit=100');
    expect(customerQueue.json().data.every((i: object) => !('tags' in i))).toBe(true);

    const removed = await api(t, agentA).delete(`/api/tickets/${ticket.id}/tags/${added[0]?.id}`);
    expect(expectOk(removed, data(tagListResponseSchema))).toEqual([]);
    const after = expectOk(
      await api(t, agentA).get(`/api/tickets/${ticket.id}/history`),
      data(ticketHistoryResponseSchema),
    );
    expect(after.filter((h) => h.action === 'tag_removed').map((h) => h.oldValue)).toEqual([added[0]?.name]);
  });

  it('refuses bad input with 400', async () => {
    const ticket = await f.ticket({ customer, department: deptA });
    for (const body of [
      { name: '   ' },
      { name: 'a'.repeat(51) },
      { name: 'a,b' },
      { name: 'ok', color: 'blue' },
      {},
    ]) {
      expectError(await api(t, agentA).post(`/api/tickets/${ticket.id}/tags`, body), 400, 'VALIDATION_ERROR');
    }
    expectError(await api(t, agentA).post('/api/tags/bulk', { ticketIds: [ticket.id] }), 400, 'VALIDATION_ERROR');
    expectError(await api(t, agentA).get('/api/tickets/not-a-ticket/tags'), 404, 'NOT_FOUND');
    expectError(
      await api(t, admin).patch('/api/tags/00000000-0000-4000-8000-000000000000', {}),
      400,
      'VALIDATION_ERROR',
    );
    expectError(await api(t, agentA).get(`/api/tickets?tagsAny=${'x'.repeat(60)}`), 400, 'VALIDATION_ERROR');
  });

  it('refuses customers, agents of other departments and agents without tags.create', async () => {
    const ticket = await f.ticket({ customer, department: deptA });
    const name = fresh('vip');
    expectError(await tag(customer, ticket, name), 403, 'FORBIDDEN');
    expectError(await api(t, customer).get('/api/tags?q=v'), 403, 'FORBIDDEN');
    expectError(await api(t, customer).get(`/api/tickets?tagsAny=${name}`), 403, 'FORBIDDEN');
    // Another department's ticket is not found for them, and is left unchanged.
    expectError(await tag(agentB, ticket, name), 404, 'NOT_FOUND');
    expect((await api(t, agentA).get(`/api/tickets/${ticket.id}`)).json().data.ticket.tags).toEqual([]);

    // An agent whose role lacks tags.create uses existing tags only.
    const superAdmin = await f.user({ role: 'SUPER_ADMIN' });
    const limitedRole = await api(t, superAdmin).post('/api/roles', {
      name: fresh('Tagger'),
      permissions: ['tickets.view_department', 'tickets.update'],
    });
    expect(limitedRole.statusCode, limitedRole.body).toBe(201);
    const limited = await f.user({ role: limitedRole.json().data.name, departments: [deptA] });
    expectError(await tag(limited, ticket, name), 403, 'FORBIDDEN');
    expectOk(await tag(agentA, ticket, name), data(tagListResponseSchema));
    const other = await f.ticket({ customer, department: deptA });
    expect(expectOk(await tag(limited, other, name.toUpperCase()), data(tagListResponseSchema))).toHaveLength(1);

    // The admin endpoints need tags.manage.
    const [created] = expectOk(await api(t, agentA).get(`/api/tags?q=${name}`), data(tagListResponseSchema));
    expectError(await api(t, agentA).get('/api/tags/usage'), 403, 'FORBIDDEN');
    expectError(await api(t, agentA).patch(`/api/tags/${created?.id}`, { color: '#000000' }), 403, 'FORBIDDEN');
    expectError(await api(t, agentA).delete(`/api/tags/${created?.id}`), 403, 'FORBIDDEN');
    expectError(await api(t, agentA).post(`/api/tags/${created?.id}/merge`, { intoId: created?.id }), 403, 'FORBIDDEN');
  });

  it('autocompletes names starting with the text first', async () => {
    const base = fresh('auto');
    const ticket = await f.ticket({ customer, department: deptA });
    await tag(agentA, ticket, `x-${base}`);
    await tag(agentA, ticket, `${base}-b`);
    await tag(agentA, ticket, `${base}-a`);
    const found = expectOk(await api(t, agentA).get(`/api/tags?q=${base.toUpperCase()}`), data(tagListResponseSchema));
    expect(found.map((x) => x.name)).toEqual([`${base}-a`, `${base}-b`, `x-${base}`]);
  });

  it('bulk: one transaction, history per ticket, other departments reported and left alone', async () => {
    const a1 = await f.ticket({ customer, department: deptA });
    const a2 = await f.ticket({ customer, department: deptA });
    const b1 = await f.ticket({ customer, department: deptB });
    const [x, y] = [fresh('bulk-x'), fresh('bulk-y')];
    await tag(agentA, a2, y);
    const results = expectOk(
      await api(t, agentA).post('/api/tags/bulk', { ticketIds: [a1.id, a2.id, b1.id], add: [x], remove: [y] }),
      data(bulkTagsResponseSchema),
    );
    expect(results).toEqual([
      { ticketId: a1.id, ok: true },
      { ticketId: a2.id, ok: true },
      { ticketId: b1.id, ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } },
    ]);
    expect(await queue(admin, `tagsAny=${x}`)).toEqual(expect.arrayContaining([a1.id, a2.id]));
    expect(await queue(admin, `tagsAny=${x}`)).not.toContain(b1.id);
    expect(await queue(admin, `tagsAny=${y}`)).toEqual([]);
    const history = expectOk(
      await api(t, agentA).get(`/api/tickets/${a2.id}/history`),
      data(ticketHistoryResponseSchema),
    );
    expect(history.map((h) => [h.action, h.newValue ?? h.oldValue])).toEqual(
      expect.arrayContaining([
        ['tag_added', x],
        ['tag_removed', y],
      ]),
    );
    expectError(await api(t, customer).post('/api/tags/bulk', { ticketIds: [a1.id], add: [x] }), 403, 'FORBIDDEN');
  });

  it('filters the queue by any of, all of and none of, and by tag: in the search', async () => {
    const [p, q] = [fresh('filter-p'), fresh('filter-q')];
    const both = await f.ticket({ customer, department: deptA, subject: 'Printer on fire' });
    const onlyP = await f.ticket({ customer, department: deptA, subject: 'Printer jammed' });
    const onlyQ = await f.ticket({ customer, department: deptA });
    const none = await f.ticket({ customer, department: deptA });
    const otherDept = await f.ticket({ customer, department: deptB });
    for (const [ticket, name] of [
      [both, p],
      [both, q],
      [onlyP, p],
      [onlyQ, q],
    ] as const) {
      await tag(agentA, ticket, name);
    }
    await tag(agentB, otherDept, p);
    const sorted = (...xs: { id: string }[]) => xs.map((x) => x.id).sort();
    expect((await queue(agentA, `tagsAny=${p},${q}`)).sort()).toEqual(sorted(both, onlyP, onlyQ));
    expect(await queue(agentA, `tagsAll=${p},${q.toUpperCase()}`)).toEqual([both.id]);
    const without = await queue(agentA, `tagsNone=${p},${q}`);
    expect(without).toContain(none.id);
    expect(without).not.toEqual(expect.arrayContaining([both.id]));
    expect(without.filter((id) => [both.id, onlyP.id, onlyQ.id, otherDept.id].includes(id))).toEqual([]);
    // An unknown tag matches nothing; the scope still applies (deptB's ticket is not agentA's).
    expect(await queue(agentA, `tagsAny=${fresh('nope')}`)).toEqual([]);
    expect((await queue(admin, `tagsAny=${p}`)).sort()).toEqual(sorted(both, onlyP, otherDept));
    // Newest first, in pages: the keyset order holds with the filter.
    const page1 = await api(t, agentA).get(`/api/tickets?limit=1&tagsAny=${p},${q}`);
    const cursor = page1.json().meta.nextCursor as string;
    const page2 = await api(t, agentA).get(
      `/api/tickets?limit=5&tagsAny=${p},${q}&cursor=${encodeURIComponent(cursor)}`,
    );
    expect([...page1.json().data, ...page2.json().data].map((i: { id: string }) => i.id)).toEqual([
      onlyQ.id,
      onlyP.id,
      both.id,
    ]);

    // Search syntax: tag:name alone, quoted, and with words.
    expect((await queue(agentA, `q=${encodeURIComponent(`tag:${p}`)}`)).sort()).toEqual(sorted(both, onlyP));
    expect(await queue(agentA, `q=${encodeURIComponent(`tag:"${q}" tag:${p}`)}`)).toEqual([both.id]);
    expect(await queue(agentA, `q=${encodeURIComponent(`fire tag:${p}`)}`)).toEqual([both.id]);
    // Customers' searches are plain text: no tag lookups.
    expect(await queue(customer, `q=${encodeURIComponent(`tag:${p}`)}`)).toEqual([]);
  });

  it('admin: lists usage, renames, recolours, merges and deletes', async () => {
    const [a, b, c] = [fresh('adm-a'), fresh('adm-b'), fresh('adm-c')];
    const t1 = await f.ticket({ customer, department: deptA });
    const t2 = await f.ticket({ customer, department: deptA });
    await tag(agentA, t1, a);
    await tag(agentA, t2, a);
    await tag(agentA, t1, b);
    await tag(agentA, t2, c);
    const usage = expectOk(await api(t, admin).get('/api/tags/usage'), data(tagUsageListResponseSchema));
    const byName = (name: string) => {
      const found = usage.find((x) => x.name === name);
      if (!found) throw new Error(`no ${name}`);
      return found;
    };
    expect([byName(a).ticketCount, byName(b).ticketCount, byName(c).ticketCount]).toEqual([2, 1, 1]);

    // Rename: to another tag's name (any case) is a 409; to a new name and colour works.
    expectError(
      await api(t, admin).patch(`/api/tags/${byName(b).id}`, { name: a.toUpperCase() }),
      409,
      'TAG_NAME_TAKEN',
    );
    const renamedTo = fresh('adm-renamed');
    const renamed = expectOk(
      await api(t, admin).patch(`/api/tags/${byName(b).id}`, { name: renamedTo, color: '#ff0000' }),
      data(tagResponseSchema),
    );
    expect(renamed).toEqual({ id: byName(b).id, name: renamedTo, color: '#ff0000' });
    expect(await queue(admin, `tagsAny=${renamedTo}`)).toEqual([t1.id]);

    // Merge a into renamed: t1 (had both) keeps one, t2 gains it; a is gone.
    expectError(
      await api(t, admin).post(`/api/tags/${byName(a).id}/merge`, { intoId: byName(a).id }),
      422,
      'RULE_VIOLATION',
    );
    const merged = expectOk(
      await api(t, admin).post(`/api/tags/${byName(a).id}/merge`, { intoId: byName(b).id }),
      data(tagResponseSchema),
    );
    expect(merged.id).toBe(byName(b).id);
    expect((await queue(admin, `tagsAny=${renamedTo}`)).sort()).toEqual([t1.id, t2.id].sort());
    expect(await queue(admin, `tagsAny=${a}`)).toEqual([]);
    expectError(await api(t, admin).patch(`/api/tags/${byName(a).id}`, { color: null }), 404, 'NOT_FOUND');

    // Delete: off every ticket.
    const deleted = await api(t, admin).delete(`/api/tags/${byName(c).id}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(await queue(admin, `tagsAny=${c}`)).toEqual([]);
    expectError(await api(t, admin).delete(`/api/tags/${byName(c).id}`), 404, 'NOT_FOUND');
    const audit = await api(t, admin).get('/api/audit?entityType=tag');
    expect(audit.json().data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['tag.updated', 'tag.merged', 'tag.deleted']),
    );
  });

  it('deleting a ticket removes its tags', async () => {
    const ticket = await f.ticket({ customer, department: deptA });
    const name = fresh('gone');
    await tag(agentA, ticket, name);
    expect((await api(t, admin).delete(`/api/tickets/${ticket.id}`)).statusCode).toBe(200);
    const usage = expectOk(await api(t, admin).get('/api/tags/usage'), data(tagUsageListResponseSchema));
    expect(usage.find((x) => x.name === name)?.ticketCount).toBe(0);
  });

  it("newest first with a tag walks the tag's rows of each department: moves, closes, removals and pages", async () => {
    const [w, x] = [fresh('walk-w'), fresh('walk-x')];
    const a: { id: string }[] = [];
    for (let i = 0; i < 4; i++) a.push(await f.ticket({ customer, department: deptA }));
    const b1 = await f.ticket({ customer, department: deptB });
    for (const ticket of [...a, b1]) expect((await tag(admin, ticket, w)).statusCode).toBe(200);
    expect((await tag(admin, a[0] as { id: string }, x)).statusCode).toBe(200);
    const ids = (...xs: { id: string }[]) => xs.map((y) => y.id).sort();
    const mine = (list: string[]) => list.filter((id) => [...a, b1].some((y) => y.id === id));
    // Newest first, as the probe per ticket orders them (an admin's whole queue does not walk).
    const probed = mine(await queue(admin, `tagsAny=${w}&departmentId=${deptA.id}&sort=created_at`));
    expect([...probed].sort()).toEqual(ids(...a));
    expect(mine(await queue(agentA, `tagsAny=${w}`))).toEqual(probed);
    expect(mine(await queue(agentB, `tagsAny=${w}`))).toEqual([b1.id]);
    expect(mine(await queue(agentA, `tagsAll=${w},${x}`))).toEqual([a[0]?.id]);
    // Other filters still apply to the walked tickets: none of these has a running SLA clock.
    expect(mine(await queue(agentA, `tagsAny=${w}&sla=breached`))).toEqual([]);
    // Pages of one: every ticket once, in the same order.
    const paged: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res = await api(t, agentA).get(
        `/api/tickets?limit=1&tagsAny=${w}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      paged.push(...(res.json().data as { id: string }[]).map((y) => y.id));
      cursor = res.json().meta.nextCursor;
      if (!cursor) break;
    }
    expect(mine(paged)).toEqual(probed);

    // Closed, moved to another department, untagged: the walk follows each at once.
    const change = async (ticket: { id: string }, body: Record<string, unknown>) => {
      const current = await api(t, admin).get(`/api/tickets/${ticket.id}`);
      const res = await api(t, admin).patch(`/api/tickets/${ticket.id}`, {
        version: current.json().data.ticket.version,
        ...body,
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const statuses = (await api(t, admin).get('/api/statuses')).json().data as { id: string; isClosed: boolean }[];
    const closed = statuses.find((st) => st.isClosed)?.id;
    const reopened = statuses.find((st) => !st.isClosed)?.id;
    const [a0, a1, a2, a3] = a as [{ id: string }, { id: string }, { id: string }, { id: string }];
    await change(a1, { statusId: closed });
    await change(a2, { departmentId: deptB.id });
    const tagId = (
      (await api(t, admin).get(`/api/tickets/${a3.id}`)).json().data.ticket.tags as { id: string; name: string }[]
    ).find((tg) => tg.name === w)?.id;
    expect((await api(t, admin).delete(`/api/tickets/${a3.id}/tags/${tagId}`)).statusCode).toBe(200);
    expect([...mine(await queue(agentA, `tagsAny=${w}&status=open`))].sort()).toEqual(ids(a0));
    expect(mine(await queue(agentA, `tagsAny=${w}&status=closed`))).toEqual([a1.id]);
    expect([...mine(await queue(agentB, `tagsAny=${w}`))].sort()).toEqual(ids(a2, b1));
    // Reopened and moved back: found again.
    await change(a1, { statusId: reopened });
    await change(a2, { departmentId: deptA.id });
    expect([...mine(await queue(agentA, `tagsAny=${w}&status=open`))].sort()).toEqual(ids(a0, a1, a2));
  });

  it('the rare-tag plan (tag index first) and the common one (probe per ticket) find the same tickets', async () => {
    const [p, q] = [fresh('plan-p'), fresh('plan-q')];
    const tickets: { id: string }[] = [];
    for (let i = 0; i < 4; i++) tickets.push(await f.ticket({ customer, department: deptA }));
    // The fourth ticket has no tag: neither plan finds it.
    const [t0, t1, t2] = tickets as [{ id: string }, { id: string }, { id: string }];
    await tag(agentA, t0, p);
    await tag(agentA, t1, p);
    await tag(agentA, t1, q);
    await tag(agentA, t2, q);
    const resolved = await resolveTagFilter(t.database, { tagsAny: [p, q], tagsAll: [p, q] });
    const run = async (rare: boolean, only: 'any' | 'all') => {
      const filter = {
        ...resolved,
        any: only === 'any' && resolved.any ? { ...resolved.any, rare } : undefined,
        all: only === 'all' ? resolved.all.map((x) => ({ ...x, rare })) : [],
      };
      const filters = tagFilters(filter);
      const rows = await listQueue(
        t.database.db,
        { id: admin.id, seesInternal: true, scope: sql`true` },
        {
          filters,
          sort: 'created_at',
          order: 'desc',
          limit: 50,
        },
      );
      // Which tickets, not their order: tickets made within one millisecond tie on created_at.
      return rows
        .map((r) => r.id)
        .filter((id) => tickets.some((x) => x.id === id))
        .sort();
    };
    for (const rare of [true, false]) {
      expect(await run(rare, 'any')).toEqual([t2.id, t1.id, t0.id].sort());
      expect(await run(rare, 'all')).toEqual([t1.id]);
    }
  });
});
