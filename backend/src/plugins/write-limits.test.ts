import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/api.js';
import { buildTestApp, useTestApp } from '../../test/build-test-app.js';
import { factories, type TestUser } from '../../test/factories.js';
import { multipart, tinyPng } from '../../test/multipart.js';
import { elapseRateLimits } from '../../test/rate-limits.js';

const limits = {
  RATE_LIMIT_TICKETS_CUSTOMER: '2',
  RATE_LIMIT_TICKETS_STAFF: '4',
  RATE_LIMIT_TICKETS_IP: '5',
  RATE_LIMIT_REPLIES_CUSTOMER: '2',
  RATE_LIMIT_REPLIES_STAFF: '3',
  RATE_LIMIT_REPLIES_IP: '100',
  RATE_LIMIT_UPLOADS_CUSTOMER: '1',
  RATE_LIMIT_UPLOADS_STAFF: '100',
  RATE_LIMIT_UPLOADS_IP: '100',
  RATE_LIMIT_SIGNUPS_IP: '2',
};

describe('write rate limits', () => {
  const t = useTestApp(limits);
  const f = () => factories(t.database);
  let dept: { id: string };
  beforeAll(async () => {
    dept = await f().department();
  });

  const createTicket = (user: TestUser, remoteAddress: string) =>
    api(t, user).post(
      '/api/tickets',
      { subject: 'The printer is on fire', description: 'Again.', departmentId: dept.id },
      { remoteAddress },
    );
  const reply = (user: TestUser, ticketId: string, remoteAddress: string, isInternal = false) =>
    api(t, user).post(`/api/tickets/${ticketId}/messages`, { body: 'Any news?', isInternal }, { remoteAddress });
  const count = async (table: string) =>
    (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n ?? 0;
  const filesOnDisk = () => {
    try {
      return readdirSync(t.config.uploadDir, { recursive: true }).length;
    } catch {
      return 0;
    }
  };

  function expectLimited(res: Awaited<ReturnType<typeof createTicket>>) {
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ success: false, error: { code: 'RATE_LIMITED' } });
    const wait = Number(res.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60 * 60);
  }

  it("refuses a customer's ticket past the limit and writes nothing; others are not affected", async () => {
    const customer = await f().user();
    const other = await f().user();
    expect((await createTicket(customer, '10.30.0.1')).statusCode).toBe(201);
    expect((await createTicket(customer, '10.30.0.2')).statusCode).toBe(201);
    const [tickets, history] = [await count('tickets'), await count('ticket_history')];
    // Per user, whichever address it comes from.
    expectLimited(await createTicket(customer, '10.30.0.3'));
    expect([await count('tickets'), await count('ticket_history')]).toEqual([tickets, history]);
    expect((await createTicket(other, '10.30.0.3')).statusCode).toBe(201);
    // The window ends: the customer may file again.
    await elapseRateLimits(t.database, 60 * 60);
    expect((await createTicket(customer, '10.30.0.3')).statusCode).toBe(201);
  });

  it('gives staff their own, higher limit', async () => {
    const agent = await f().user({ role: 'AGENT', departments: [dept] });
    for (let i = 0; i < 4; i++) expect((await createTicket(agent, `10.31.0.${i}`)).statusCode).toBe(201);
    expectLimited(await createTicket(agent, '10.31.0.9'));
  });

  it('limits one address across users; another address is not affected', async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => f().user()));
    const codes = [];
    for (const u of users) {
      codes.push((await createTicket(u, '10.32.0.1')).statusCode, (await createTicket(u, '10.32.0.1')).statusCode);
    }
    expect(codes).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    const fresh = await f().user();
    expectLimited(await createTicket(fresh, '10.32.0.1'));
    expect((await createTicket(fresh, '10.32.0.2')).statusCode).toBe(201);
  });

  it('counts a burst of concurrent requests exactly: per user and per address, only as many as the limit', async () => {
    const customer = await f().user();
    const users = await Promise.all(Array.from({ length: 7 }, () => f().user()));
    const [own, shared] = await Promise.all([
      // One customer from five addresses (limit 2 per customer) …
      Promise.all(Array.from({ length: 5 }, (_, i) => createTicket(customer, `10.36.0.${i}`))),
      // … and seven customers from one address (limit 5 per address), all at the same moment.
      Promise.all(users.map((u) => createTicket(u, '10.36.1.1'))),
    ]);
    const codes = (rs: typeof own) => rs.map((r) => r.statusCode).sort();
    expect(codes(own)).toEqual([201, 201, 429, 429, 429]);
    expect(codes(shared)).toEqual([201, 201, 201, 201, 201, 429, 429]);
    for (const res of [...own, ...shared].filter((r) => r.statusCode === 429)) expectLimited(res);
    // Every attempt was counted, the refused ones too.
    const counted = await t.database.query<{ key: string; count: number }>(
      'SELECT key, count FROM rate_limits WHERE key = ANY($1::text[]) ORDER BY key',
      [[`write:tickets:user:${customer.id}`, 'write:tickets:ip:10.36.1.1']],
    );
    expect(counted).toEqual([
      { key: 'write:tickets:ip:10.36.1.1', count: 7 },
      { key: `write:tickets:user:${customer.id}`, count: 5 },
    ]);
  });

  it('limits replies and internal notes per user', async () => {
    const customer = await f().user();
    const agent = await f().user({ role: 'AGENT', departments: [dept] });
    const ticket = await f().ticket({ customer, department: dept });
    expect((await reply(customer, ticket.id, '10.33.0.1')).statusCode).toBe(201);
    expect((await reply(customer, ticket.id, '10.33.0.1')).statusCode).toBe(201);
    const messages = await count('ticket_messages');
    expectLimited(await reply(customer, ticket.id, '10.33.0.1'));
    expect(await count('ticket_messages')).toBe(messages);
    for (let i = 0; i < 3; i++) expect((await reply(agent, ticket.id, '10.33.0.1', i % 2 === 0)).statusCode).toBe(201);
    expectLimited(await reply(agent, ticket.id, '10.33.0.1', true));
    expect(await count('ticket_messages')).toBe(messages + 3);
  });

  it('limits uploads, attachments and replies with files alike, before a file is stored', async () => {
    const customer = await f().user();
    const ticket = await f().ticket({ customer, department: dept });
    const send = (url: string, parts: Parameters<typeof multipart>[0]) => {
      const body = multipart(parts);
      return api(t).post(url, body.payload, {
        headers: { ...customer.headers, ...body.headers },
        remoteAddress: '10.34.0.1',
      });
    };
    const file = { name: 'file', filename: 'dot.png', content: tinyPng, type: 'image/png' };
    expect((await send(`/api/tickets/${ticket.id}/attachments`, [file])).statusCode).toBe(201);
    const [files, attachments, messages] = [filesOnDisk(), await count('attachments'), await count('ticket_messages')];
    expectLimited(await send(`/api/tickets/${ticket.id}/attachments`, [file]));
    expectLimited(await send(`/api/tickets/${ticket.id}/messages`, [{ name: 'body', value: 'See file' }, file]));
    expect([filesOnDisk(), await count('attachments'), await count('ticket_messages')]).toEqual([
      files,
      attachments,
      messages,
    ]);
    // A reply without files is not an upload.
    expect((await reply(customer, ticket.id, '10.34.0.1')).statusCode).toBe(201);
  });

  it('limits sign-ups per address', async () => {
    const signUp = (i: number, remoteAddress: string) =>
      api(t).post(
        '/api/auth/register',
        { email: `signup-${i}@example.test`, name: 'New Customer', password: 'velvet-otter-harbor-42' },
        { remoteAddress },
      );
    expect((await signUp(1, '10.35.0.1')).statusCode).toBe(201);
    expect((await signUp(2, '10.35.0.1')).statusCode).toBe(201);
    const res = await signUp(3, '10.35.0.1');
    expectLimited(res);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await t.database.query("SELECT id FROM users WHERE email = 'signup-3@example.test'")).toEqual([]);
    expect((await signUp(3, '10.35.0.2')).statusCode).toBe(201);
  });
});

describe('write rate limits set to 0', () => {
  it('are off, each on its own', async () => {
    const off = await buildTestApp({
      RATE_LIMIT_TICKETS_CUSTOMER: '0',
      RATE_LIMIT_TICKETS_IP: '0',
      RATE_LIMIT_REPLIES_CUSTOMER: '1',
    });
    try {
      const f = factories(off.database);
      const [dept, customer] = [await f.department(), await f.user()];
      for (let i = 0; i < 40; i++) {
        const res = await api(off, customer).post('/api/tickets', {
          subject: `Ticket ${i}`,
          description: 'Hello',
          departmentId: dept.id,
        });
        expect(res.statusCode).toBe(201);
      }
      expect(await off.database.query("SELECT key FROM rate_limits WHERE key LIKE 'write:tickets:%'")).toEqual([]);
      const ticket = await f.ticket({ customer, department: dept });
      const replies = [];
      for (let i = 0; i < 2; i++) {
        const res = await api(off, customer).post(`/api/tickets/${ticket.id}/messages`, {
          body: 'Any news?',
          isInternal: false,
        });
        replies.push(res.statusCode);
      }
      expect(replies).toEqual([201, 429]);
    } finally {
      await off.close();
    }
  });
});
