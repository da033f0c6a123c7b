import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/api.js';
import { useTestApp } from '../../test/build-test-app.js';
import { factories, type TestUser } from '../../test/factories.js';
import { multipart, storedFileCount } from '../../test/multipart.js';
import { testDriver } from '../../test/test-database.js';

const NUL = 'nul\u0000inside';
const LONE = 'lone \ud800 surrogate';

/** A 400 VALIDATION_ERROR whose details name exactly `path`. */
function expectRefused(res: { statusCode: number; json(): unknown }, path: string) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
  expect(res.json()).toMatchObject({
    success: false,
    error: { code: 'VALIDATION_ERROR', details: [{ path, message: expect.any(String) }] },
  });
}

describe(`NUL characters and unpaired surrogates are refused at the boundary (${testDriver})`, () => {
  const t = useTestApp();
  const storedCount = () => storedFileCount(t.config);
  let customer: TestUser;
  let admin: TestUser;
  let department: { id: string };
  let ticket: { id: string };

  const count = async (table: string) =>
    Number((await t.database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

  beforeAll(async () => {
    const f = factories(t.database);
    department = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    admin = await f.user({ role: 'ADMIN' });
    ticket = await f.ticket({ customer, department });
  });

  it('in the sign-in e-mail and the sign-up name', async () => {
    const users = await count('users');
    const login = await api(t).post('/api/auth/login', { email: `a${NUL}@example.test`, password: 'whatever-it-is' });
    expectRefused(login, 'body.email');
    for (const name of [NUL, LONE, 'trailing low \udc00']) {
      const register = await api(t).post('/api/auth/register', {
        email: 'new-person@example.test',
        name,
        password: 'a long enough password',
      });
      expectRefused(register, 'body.name');
    }
    expect(await count('users')).toBe(users);
  });

  it('in a ticket, a reply sent as JSON and as multipart/form-data (its files are not kept)', async () => {
    const [tickets, messages, files] = [
      await count('tickets'),
      await count('ticket_messages'),
      await count('attachments'),
    ];
    const onDisk = await storedCount();
    const create = (payload: object) => api(t, customer).post('/api/tickets', payload);
    expectRefused(await create({ subject: NUL, description: 'ok', departmentId: department.id }), 'body.subject');
    expectRefused(await create({ subject: 'ok', description: LONE, departmentId: department.id }), 'body.description');

    const url = `/api/tickets/${ticket.id}/messages`;
    expectRefused(await api(t, customer).post(url, { body: NUL }), 'body.body');
    const form = multipart([
      { name: 'files', filename: 'notes.txt', content: 'plain words', type: 'text/plain' },
      { name: 'body', value: NUL },
    ]);
    const viaForm = await api(t).post(url, form.payload, { headers: { ...customer.headers, ...form.headers } });
    expectRefused(viaForm, 'body.body');

    expect([await count('tickets'), await count('ticket_messages'), await count('attachments')]).toEqual([
      tickets,
      messages,
      files,
    ]);
    expect(await storedCount()).toBe(onDisk);
  });

  it('in the names of departments, statuses and priorities, and in settings', async () => {
    const before = await Promise.all(['departments', 'ticket_statuses', 'ticket_priorities'].map(count));
    const post = (url: string, payload: object) => api(t, admin).post(url, payload);
    expectRefused(await post('/api/departments', { name: NUL }), 'body.name');
    expectRefused(await post('/api/departments', { name: 'Billing', description: LONE }), 'body.description');
    expectRefused(await post('/api/statuses', { name: LONE }), 'body.name');
    expectRefused(await post('/api/priorities', { name: NUL, level: 3 }), 'body.name');
    expect(await Promise.all(['departments', 'ticket_statuses', 'ticket_priorities'].map(count))).toEqual(before);

    const name = (await api(t).get('/api/settings/public')).json().data.helpdeskName;
    const settings = await api(t, admin).patch('/api/settings', { helpdeskName: NUL });
    expectRefused(settings, 'body.helpdeskName');
    expect((await api(t).get('/api/settings/public')).json().data.helpdeskName).toBe(name);
  });

  it('in query parameters, path parameters and tokens', async () => {
    const get = (url: string) => api(t, admin).get(url);
    expectRefused(await get('/api/users?q=a%00b'), 'query.q');
    expectRefused(await get('/api/users?role=%00'), 'query.role');
    expectRefused(await get('/api/audit?entityType=user%00'), 'query.entityType');
    expectRefused(await get('/api/tickets?q=printer%00'), 'query.q');
    expectRefused(await get('/api/tickets/%00'), 'params.id');
    const reset = await api(t).post('/api/auth/reset-password', {
      token: `hdr_${NUL}`,
      password: 'a long enough password',
    });
    expectRefused(reset, 'body.token');
  });

  it('in header values the API reads, and nothing is recorded', async () => {
    const [tickets, sessions] = [await count('tickets'), await count('sessions')];
    const create = await api(t).post(
      '/api/tickets',
      { subject: 'Printer', description: 'Jammed', departmentId: department.id },
      { headers: { ...customer.headers, 'idempotency-key': 'key\u0000one' } },
    );
    expectRefused(create, 'headers.idempotency-key');
    // The user agent is stored with a new session.
    const login = await api(t).post(
      '/api/auth/login',
      { email: customer.email, password: customer.password },
      { headers: { 'user-agent': `Browser${NUL}` } },
    );
    expectRefused(login, 'headers.user-agent');
    expect([await count('tickets'), await count('sessions')]).toEqual([tickets, sessions]);
  });

  it('names the field inside arrays and in object keys', async () => {
    const bulk = await api(t, admin).post('/api/tickets/bulk', {
      ticketIds: [ticket.id, NUL],
      changes: { assignedToId: null },
    });
    expectRefused(bulk, 'body.ticketIds.1');
    const key = await api(t, admin).post('/api/departments', { name: 'Keys', [`na${NUL}me`]: 'x' });
    expectRefused(key, `body.na${NUL}me`);
  });

  it('keeps accepting text that is merely unusual', async () => {
    const res = await api(t, customer).post('/api/tickets', {
      subject: 'Ünïcødé 🎫 \u202Eעברית',
      description: 'Tab\there, emoji 👍🏽',
      departmentId: department.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().data.ticket.subject).toBe('Ünïcødé 🎫 \u202Eעברית');
  });
});
