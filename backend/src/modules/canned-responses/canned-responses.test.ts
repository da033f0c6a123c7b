import {
  cannedFileSchema,
  cannedResponseSchema,
  renderedCannedResponseSchema,
  tagSchema,
  ticketHistoryEntrySchema,
} from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { multipart, tinyPng } from '../../../test/multipart.js';

const list = z.array(cannedResponseSchema);

describe('canned responses', () => {
  const t = useTestApp();
  const f = () => factories(t.database);

  async function setup() {
    const dept = await f().department();
    const otherDept = await f().department();
    const admin = await f().user({ role: 'ADMIN', departments: [dept] });
    const agent = await f().user({ role: 'AGENT', departments: [dept], name: 'Alice Agent' });
    const otherAgent = await f().user({ role: 'AGENT', departments: [dept, otherDept] });
    const customer = await f().user({ name: 'Carla Customer' });
    const ticket = await f().ticket({ customer, department: dept, subject: 'Printer on fire' });
    const otherTicket = await f().ticket({ customer, department: otherDept });
    return { dept, otherDept, admin, agent, otherAgent, customer, ticket, otherTicket };
  }

  const create = async (user: TestUser, body: Record<string, unknown>) =>
    expectOk(await api(t, user).post('/api/canned-responses', body), cannedResponseSchema, 201);

  const offered = async (user: TestUser, ticketId: string, q = '') =>
    expectOk(
      await api(t, user).get(`/api/tickets/${ticketId}/canned-responses${q ? `?q=${encodeURIComponent(q)}` : ''}`),
      list,
    );

  async function statusId(name: string) {
    const res = await t.database.db.execute(sql`SELECT id FROM ticket_statuses WHERE name = ${name}`);
    return (res as unknown as { rows: { id: string }[] }).rows[0]?.id as string;
  }

  it('shared responses: created, changed and deleted with canned.manage; agents and customers refused', async () => {
    const { admin, agent, customer, dept } = await setup();
    const resolved = await statusId('Resolved');
    const shared = await create(admin, {
      title: 'Thanks',
      body: 'Hello {{customer.name}}',
      scope: 'shared',
      departmentId: dept.id,
      actions: { setStatusId: resolved },
    });
    expect(shared).toMatchObject({ scope: 'shared', department: { id: dept.id, name: dept.name }, usageCount: 0 });
    expect(shared.actions).toEqual({ setStatusId: resolved });

    const body = { title: 'Nope', body: 'x', scope: 'shared' };
    expectError(await api(t, agent).post('/api/canned-responses', body), 403, 'FORBIDDEN');
    expectError(await api(t, customer).post('/api/canned-responses', body), 403, 'FORBIDDEN');
    expectError(await api(t, customer).post('/api/canned-responses', { ...body, scope: 'personal' }), 403, 'FORBIDDEN');
    expectError(await api(t, agent).patch(`/api/canned-responses/${shared.id}`, { title: 'Mine' }), 403, 'FORBIDDEN');
    expectError(await api(t, agent).delete(`/api/canned-responses/${shared.id}`), 403, 'FORBIDDEN');
    expectError(await api(t, agent).get('/api/canned-responses?scope=shared'), 403, 'FORBIDDEN');
    expectError(await api(t, customer).get(`/api/canned-responses/${shared.id}`), 404, 'NOT_FOUND');
    expectError(await api(t, null).get('/api/canned-responses?scope=personal'), 401, 'UNAUTHENTICATED');

    const changed = expectOk(
      await api(t, admin).patch(`/api/canned-responses/${shared.id}`, { title: 'Thank you', departmentId: null }),
      cannedResponseSchema,
    );
    expect(changed).toMatchObject({ title: 'Thank you', department: null, body: 'Hello {{customer.name}}' });
    expect(expectOk(await api(t, admin).get('/api/canned-responses?scope=shared'), list).map((c) => c.id)).toContain(
      shared.id,
    );
    expectOk(await api(t, admin).delete(`/api/canned-responses/${shared.id}`), z.object({ ok: z.literal(true) }));
    expectError(await api(t, admin).get(`/api/canned-responses/${shared.id}`), 404, 'NOT_FOUND');
  });

  it("personal responses: the owner's alone", async () => {
    const { agent, otherAgent, admin } = await setup();
    const mine = await create(agent, { title: 'My sign-off', body: 'Cheers, {{agent.name}}', scope: 'personal' });
    expect(mine).toMatchObject({ scope: 'personal', department: null });
    expect(expectOk(await api(t, agent).get('/api/canned-responses?scope=personal'), list).map((c) => c.id)).toEqual([
      mine.id,
    ]);
    expect(expectOk(await api(t, otherAgent).get('/api/canned-responses?scope=personal'), list)).toEqual([]);
    // Not even an admin sees or changes another user's personal response; it is not among the shared ones.
    for (const other of [otherAgent, admin]) {
      expectError(await api(t, other).get(`/api/canned-responses/${mine.id}`), 404, 'NOT_FOUND');
      expectError(await api(t, other).patch(`/api/canned-responses/${mine.id}`, { title: 'x' }), 404, 'NOT_FOUND');
      expectError(await api(t, other).delete(`/api/canned-responses/${mine.id}`), 404, 'NOT_FOUND');
    }
    expect(
      expectOk(await api(t, admin).get('/api/canned-responses?scope=shared'), list).map((c) => c.id),
    ).not.toContain(mine.id);
    const edited = expectOk(
      await api(t, agent).patch(`/api/canned-responses/${mine.id}`, { body: 'Best, {{agent.name}}' }),
      cannedResponseSchema,
    );
    expect(edited.body).toBe('Best, {{agent.name}}');
    expectOk(await api(t, agent).delete(`/api/canned-responses/${mine.id}`), z.object({ ok: z.literal(true) }));
  });

  it('bad input is a 400; unknown placeholders, statuses and departments are 422s; nothing is saved', async () => {
    const { admin, agent, dept } = await setup();
    const post = (user: TestUser, body: unknown) => api(t, user).post('/api/canned-responses', body);
    expectError(await post(agent, { title: '', body: 'x', scope: 'personal' }), 400, 'VALIDATION_ERROR');
    expectError(await post(agent, { title: 'x', body: 'x', scope: 'team' }), 400, 'VALIDATION_ERROR');
    expectError(await post(agent, { title: 'x', body: 'x', scope: 'personal', extra: 1 }), 400, 'VALIDATION_ERROR');
    expectError(
      await post(agent, { title: 'x', body: 'x', scope: 'personal', departmentId: dept.id }),
      400,
      'VALIDATION_ERROR',
    );
    expectError(
      await post(admin, { title: 'x', body: 'x', scope: 'shared', actions: { setStatusId: 'nope' } }),
      400,
      'VALIDATION_ERROR',
    );
    expectError(await api(t, agent).get('/api/canned-responses?scope=all'), 400, 'VALIDATION_ERROR');
    expectError(await api(t, agent).get('/api/canned-responses/not-a-uuid'), 400, 'VALIDATION_ERROR');

    const unknown = expectError(
      await post(agent, {
        title: 'x',
        body: 'Hi {{customer.nmae}} {{ order.id }} {{customer.name}}',
        scope: 'personal',
      }),
      422,
      'CANNED_UNKNOWN_PLACEHOLDER',
    );
    expect(unknown.message).toContain('{{customer.nmae}}');
    expect(unknown.message).toContain('{{order.id}}');
    expect(unknown.details).toHaveLength(2);

    const randomId = '00000000-0000-4000-8000-000000000000';
    expectError(
      await post(admin, { title: 'x', body: 'x', scope: 'shared', actions: { setStatusId: randomId } }),
      422,
      'RULE_VIOLATION',
    );
    expectError(
      await post(admin, { title: 'x', body: 'x', scope: 'shared', actions: { setPriorityId: randomId } }),
      422,
      'RULE_VIOLATION',
    );
    expectError(
      await post(admin, { title: 'x', body: 'x', scope: 'shared', departmentId: randomId }),
      422,
      'RULE_VIOLATION',
    );
    expect(expectOk(await api(t, agent).get('/api/canned-responses?scope=personal'), list)).toEqual([]);

    const mine = await create(agent, { title: 'ok', body: 'ok', scope: 'personal' });
    expectError(
      await api(t, agent).patch(`/api/canned-responses/${mine.id}`, { body: '{{ticket.secret}}' }),
      422,
      'CANNED_UNKNOWN_PLACEHOLDER',
    );
    expectError(
      await api(t, agent).patch(`/api/canned-responses/${mine.id}`, { departmentId: dept.id }),
      422,
      'RULE_VIOLATION',
    );
    expect(expectOk(await api(t, agent).get(`/api/canned-responses/${mine.id}`), cannedResponseSchema).body).toBe('ok');
  });

  it("a ticket is offered the caller's own, everyone's and its department's responses, searched by title and body", async () => {
    const { admin, agent, otherAgent, customer, dept, otherDept, ticket, otherTicket } = await setup();
    const word = `Zq${Date.now()}`;
    const everyone = await create(admin, { title: `Everyone ${word}`, body: 'for all', scope: 'shared' });
    const ours = await create(admin, {
      title: 'Ours',
      body: `about ${word.toLowerCase()}`,
      scope: 'shared',
      departmentId: dept.id,
    });
    const theirs = await create(admin, {
      title: `Theirs ${word}`,
      body: 'x',
      scope: 'shared',
      departmentId: otherDept.id,
    });
    const mine = await create(agent, { title: `Mine ${word}`, body: 'x', scope: 'personal' });
    const notMine = await create(otherAgent, { title: `Not mine ${word}`, body: 'x', scope: 'personal' });

    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    const found = (await offered(agent, ticket.id, word)).map((r) => r.id);
    expect(found.sort()).toEqual(ids([everyone, ours, mine]));
    expect(found).not.toContain(theirs.id);
    expect(found).not.toContain(notMine.id);
    // Case-insensitive, in the body too; LIKE's wildcards are taken literally.
    expect(ids(await offered(agent, ticket.id, `ABOUT ${word}`))).toEqual([ours.id]);
    expect(await offered(agent, ticket.id, `%${word}`)).toEqual([]);
    // The other department's ticket gets that department's response and not ours.
    expect(ids(await offered(otherAgent, otherTicket.id, word))).toEqual(ids([everyone, theirs, notMine]));

    expectError(await api(t, customer).get(`/api/tickets/${ticket.id}/canned-responses`), 403, 'FORBIDDEN');
    // A ticket outside the agent's departments is not found.
    expectError(await api(t, agent).get(`/api/tickets/${otherTicket.id}/canned-responses`), 404, 'NOT_FOUND');
    expectError(await api(t, agent).get(`/api/tickets/${ticket.id}/canned-responses?limit=0`), 400, 'VALIDATION_ERROR');
    expectError(
      await api(t, agent).post(`/api/tickets/${ticket.id}/canned-responses/${theirs.id}/render`),
      404,
      'NOT_FOUND',
    );
    expectError(
      await api(t, agent).post(`/api/tickets/${ticket.id}/canned-responses/${notMine.id}/render`),
      404,
      'NOT_FOUND',
    );
    expectError(
      await api(t, customer).post(`/api/tickets/${ticket.id}/canned-responses/${everyone.id}/render`),
      403,
      'FORBIDDEN',
    );
  });

  it('render fills the placeholders for the ticket, names the changes on send and counts a use; most used come first', async () => {
    const { admin, agent, customer, dept, ticket } = await setup();
    const resolved = await statusId('Resolved');
    const word = `Rn${Date.now()}`;
    const filled = await create(admin, {
      title: `Filled ${word}`,
      body: 'Hi {{customer.name}} ({{ customer.email }}), #{{ticket.number}} "{{ticket.subject}}" in {{department.name}}. {{agent.name}}',
      scope: 'shared',
      actions: { setStatusId: resolved },
    });
    const other = await create(admin, { title: `Other ${word}`, body: 'plain', scope: 'shared' });

    const res = await api(t, agent).post(`/api/tickets/${ticket.number}/canned-responses/${filled.id}/render`);
    const rendered = expectOk(res, renderedCannedResponseSchema);
    expect(rendered.body).toBe(
      `Hi Carla Customer (${customer.email}), #${ticket.number} "Printer on fire" in ${dept.name}. Alice Agent`,
    );
    expect(rendered.actions).toEqual({ setStatus: { id: resolved, name: 'Resolved' }, setPriority: null, addTags: [] });
    expect(rendered.ticketVersion).toBe(ticket.version);

    const after = expectOk(await api(t, agent).get(`/api/canned-responses/${filled.id}`), cannedResponseSchema);
    expect(after.usageCount).toBe(1);
    expect(after.lastUsedAt).not.toBeNull();

    // `other` used twice: it now comes first.
    for (let i = 0; i < 2; i++)
      expectOk(
        await api(t, agent).post(`/api/tickets/${ticket.id}/canned-responses/${other.id}/render`),
        renderedCannedResponseSchema,
      );
    expect((await offered(agent, ticket.id, word)).map((r) => r.title)).toEqual([`Other ${word}`, `Filled ${word}`]);
  });

  it('tags added on send: normalised and checked on save, named by render, added through the tags API', async () => {
    const { admin, agent, customer, dept, ticket, otherAgent } = await setup();
    const word = `t${Date.now()}`;
    const existing = `Billing ${word}`;
    // An existing tag (spelt by the first use), tagged through the tags API.
    expectOk(await api(t, admin).post(`/api/tickets/${ticket.id}/tags`, { name: existing }), z.array(tagSchema));
    const saved = await create(agent, {
      title: 'Tagging',
      body: 'Done.',
      scope: 'personal',
      actions: { addTags: [`  billing   ${word.toUpperCase()} `, `New ${word}`, `new ${word}`] },
    });
    // Existing tags keep their spelling; a new name (agents hold tags.create) is kept once.
    expect(saved.actions).toEqual({ addTags: [existing, `New ${word}`] });

    // Bad names are a 400; nothing saved.
    for (const addTags of [['a,b'], [' '], ['x'.repeat(51)], Array.from({ length: 11 }, (_, i) => `n${i}`), 'x'])
      expectError(
        await api(t, agent).patch(`/api/canned-responses/${saved.id}`, { actions: { addTags } }),
        400,
        'VALIDATION_ERROR',
      );

    // Without tags.create, only existing tags may be saved: a new name is a 422.
    const superAdmin = await f().user({ role: 'SUPER_ADMIN' });
    const role = await api(t, superAdmin).post('/api/roles', {
      name: `Replier ${word}`,
      permissions: ['tickets.view_department', 'tickets.update', 'tickets.reply'],
    });
    expect(role.statusCode, role.body).toBe(201);
    const limited = await f().user({ role: role.json().data.name, departments: [dept] });
    const body = { title: 'Limited', body: 'x', scope: 'personal' };
    const refused = expectError(
      await api(t, limited).post('/api/canned-responses', {
        ...body,
        actions: { addTags: [existing, `Other ${word}`] },
      }),
      422,
      'RULE_VIOLATION',
    );
    expect(refused.details).toEqual([{ path: 'body.actions.addTags', message: `No such tag: Other ${word}` }]);
    expect(expectOk(await api(t, limited).get('/api/canned-responses?scope=personal'), list)).toEqual([]);
    const limitedOwn = await create(limited, { ...body, actions: { addTags: [existing.toLowerCase()] } });
    expect(limitedOwn.actions.addTags).toEqual([existing]);
    // A replier who may not change tickets may not save tags at all.
    const replierRole = await api(t, superAdmin).post('/api/roles', {
      name: `Reply only ${word}`,
      permissions: ['tickets.view_department', 'tickets.reply'],
    });
    const replier = await f().user({ role: replierRole.json().data.name, departments: [dept] });
    expectError(
      await api(t, replier).post('/api/canned-responses', { ...body, actions: { addTags: [existing] } }),
      422,
      'RULE_VIOLATION',
    );

    // Render names them; sending applies them with the tags API, which writes the history.
    const rendered = expectOk(
      await api(t, agent).post(`/api/tickets/${ticket.id}/canned-responses/${saved.id}/render`),
      renderedCannedResponseSchema,
    );
    expect(rendered.actions.addTags).toEqual([existing, `New ${word}`]);
    for (const name of rendered.actions.addTags)
      expectOk(await api(t, agent).post(`/api/tickets/${ticket.id}/tags`, { name }), z.array(tagSchema));
    const tags = (await api(t, agent).get(`/api/tickets/${ticket.id}`)).json().data.ticket.tags as { name: string }[];
    expect(tags.map((tag) => tag.name).sort()).toEqual([existing, `New ${word}`].sort());
    const history = expectOk(
      await api(t, agent).get(`/api/tickets/${ticket.id}/history`),
      z.array(ticketHistoryEntrySchema),
    );
    expect(history.filter((h) => h.action === 'tag_added' && h.actor?.id === agent.id).map((h) => h.newValue)).toEqual([
      `New ${word}`,
    ]);
    // Rendered for someone without tags.create, a tag deleted since is left out.
    const [billing] = expectOk(
      await api(t, admin).get(`/api/tags?q=${encodeURIComponent(existing)}`),
      z.array(tagSchema),
    );
    expectOk(
      await api(t, admin).delete(`/api/tags/${billing?.id}`),
      z.object({ id: z.uuid(), deleted: z.literal(true) }),
    );
    const forLimited = expectOk(
      await api(t, limited).post(`/api/tickets/${ticket.id}/canned-responses/${limitedOwn.id}/render`),
      renderedCannedResponseSchema,
    );
    expect(forLimited.actions.addTags).toEqual([]);

    // Customers see neither the tags nor their history.
    expect(
      expectOk(await api(t, customer).get(`/api/tickets/${ticket.id}/history`), z.array(ticketHistoryEntrySchema)).some(
        (h) => h.field === 'tags',
      ),
    ).toBe(false);

    // Another agent's personal response is not theirs to render.
    expectError(
      await api(t, otherAgent).post(`/api/tickets/${ticket.id}/canned-responses/${saved.id}/render`),
      404,
      'NOT_FOUND',
    );
  });

  it('files: added by whoever may change the response, sent with it when rendered, gone with it', async () => {
    const { admin, agent, otherAgent, customer, ticket } = await setup();
    const upload = (
      user: TestUser,
      id: string,
      files: { filename: string; content: Buffer | string; type: string }[],
    ) => {
      const form = multipart(files.map((file) => ({ name: 'files', ...file })));
      return t.app.inject({
        method: 'POST',
        url: `/api/canned-responses/${id}/files`,
        headers: { ...user.headers, ...form.headers },
        payload: form.payload,
      });
    };
    const png = { filename: 'guide.png', content: tinyPng, type: 'image/png' };
    const shared = await create(admin, { title: 'With a guide', body: 'See the picture.', scope: 'shared' });
    expectError(await upload(agent, shared.id, [png]), 403, 'FORBIDDEN');
    expectError(await upload(customer, shared.id, [png]), 404, 'NOT_FOUND');
    const [file] = expectOk(await upload(admin, shared.id, [png]), z.array(cannedFileSchema), 201);
    expect(file).toMatchObject({ fileName: 'guide.png', mimeType: 'image/png', sizeBytes: tinyPng.length });
    expectError(
      await upload(
        admin,
        shared.id,
        Array.from({ length: 5 }, (_, i) => ({ ...png, filename: `p${i}.png` })),
      ),
      422,
      'RULE_VIOLATION',
    );

    const rendered = expectOk(
      await api(t, agent).post(`/api/tickets/${ticket.id}/canned-responses/${shared.id}/render`),
      renderedCannedResponseSchema,
    );
    expect(rendered.files.map((f) => f.id)).toEqual([file?.id]);
    const url = `/api/canned-responses/${shared.id}/files/${file?.id}`;
    const download = await api(t, agent).get(url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(tinyPng)).toBe(true);
    expectError(await api(t, customer).get(url), 404, 'NOT_FOUND');

    // Personal files are their owner's alone.
    const mine = await create(agent, { title: 'Mine', body: 'x', scope: 'personal' });
    const [myFile] = expectOk(await upload(agent, mine.id, [png]), z.array(cannedFileSchema), 201);
    expectError(await api(t, otherAgent).get(`/api/canned-responses/${mine.id}/files/${myFile?.id}`), 404, 'NOT_FOUND');
    expectError(await api(t, agent).get(`/api/canned-responses/${shared.id}/files/${myFile?.id}`), 404, 'NOT_FOUND');
    expectOk(
      await api(t, agent).delete(`/api/canned-responses/${mine.id}/files/${myFile?.id}`),
      z.object({ ok: z.literal(true) }),
    );
    expect(expectOk(await api(t, agent).get(`/api/canned-responses/${mine.id}`), cannedResponseSchema).files).toEqual(
      [],
    );

    expectOk(await api(t, admin).delete(`/api/canned-responses/${shared.id}`), z.object({ ok: z.literal(true) }));
    const left = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM canned_response_files WHERE response_id = ${shared.id}`,
    );
    expect((left as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  });
});
