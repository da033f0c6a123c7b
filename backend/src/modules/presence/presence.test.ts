import { Writable } from 'node:stream';
import { ticketPresenceSchema } from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { testDriver } from '../../../test/test-database.js';
import { buildApp } from '../../app.js';
import { openPostgres } from '../../db/client.js';
import { createLogger } from '../../lib/logger.js';

// The service's clock (AppDeps.now): moved forward by tests, never slept on.
let clock = Date.now();

describe('presence', () => {
  const t = useTestApp({}, { now: () => new Date(clock) });

  async function setup() {
    const f = factories(t.database);
    const dept = await f.department();
    const customer = await f.user();
    const anna = await f.user({ role: 'AGENT', departments: [dept], name: 'Anna' });
    const bob = await f.user({ role: 'AGENT', departments: [dept], name: 'Bob' });
    const ticket = await f.ticket({ customer, department: dept });
    return { f, dept, customer, anna, bob, ticket };
  }

  const beat = (who: TestUser, id: string, state: string) => api(t, who).put(`/api/tickets/${id}/presence`, { state });
  const read = async (who: TestUser, id: string) =>
    expectOk(await api(t, who).get(`/api/tickets/${id}/presence`), ticketPresenceSchema);

  it('shows the other staff here and what they do, not oneself; a heartbeat expires after 30 seconds', async () => {
    const { anna, bob, ticket } = await setup();
    expect(await read(anna, ticket.id)).toEqual({ others: [], lastPublicMessage: null });

    expect((await beat(anna, ticket.id, 'viewing')).statusCode).toBe(200);
    expect((await beat(bob, ticket.id, 'typing-reply')).statusCode).toBe(200);
    expect((await read(anna, ticket.id)).others).toEqual([
      { user: { id: bob.id, name: 'Bob' }, state: 'typing-reply' },
    ]);
    expect((await read(bob, ticket.id)).others).toEqual([{ user: { id: anna.id, name: 'Anna' }, state: 'viewing' }]);

    clock += 29_000;
    expect((await read(anna, ticket.id)).others).toHaveLength(1);
    clock += 2_000;
    expect((await read(anna, ticket.id)).others).toEqual([]);

    // By number too; a later heartbeat brings Bob back, and leaving removes him at once.
    expect((await beat(bob, `${ticket.number}`, 'typing-note')).statusCode).toBe(200);
    expect((await read(anna, ticket.id)).others).toMatchObject([{ state: 'typing-note' }]);
    expect((await api(t, bob).delete(`/api/tickets/${ticket.id}/presence`)).statusCode).toBe(200);
    expect((await read(anna, ticket.id)).others).toEqual([]);
  });

  it('lists several others by name in one answer with only its documented fields', async () => {
    const { f, dept, customer, anna, bob, ticket } = await setup();
    const cara = await f.user({ role: 'AGENT', departments: [dept], name: 'Cara' });
    const m1 = await f.message({ ticket, author: customer });
    await beat(cara, ticket.id, 'typing-note');
    await beat(bob, ticket.id, 'viewing');
    await beat(anna, ticket.id, 'viewing');
    // Someone on another ticket is not here.
    await beat(cara, (await f.ticket({ customer, department: dept })).id, 'viewing');
    const res = await api(t, anna).get(`/api/tickets/${ticket.number}/presence`);
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      success: true,
      data: {
        others: [
          { user: { id: bob.id, name: 'Bob' }, state: 'viewing' },
          { user: { id: cara.id, name: 'Cara' }, state: 'typing-note' },
        ],
        lastPublicMessage: {
          id: m1.id,
          author: { id: customer.id, name: customer.name },
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      },
    });
  });

  it("drops a user's expired rows at their next heartbeat, so only live presence is kept", async () => {
    const { f, dept, customer, bob, ticket } = await setup();
    const other = await f.ticket({ customer, department: dept });
    const rows = async () =>
      (
        (await t.database.db.execute(
          sql`SELECT ticket_id AS "ticketId" FROM presence WHERE user_id = ${bob.id}::uuid ORDER BY ticket_id`,
        )) as unknown as { rows: { ticketId: string }[] }
      ).rows.map((r) => r.ticketId);
    expect((await beat(bob, ticket.id, 'viewing')).statusCode).toBe(200);
    expect((await beat(bob, other.id, 'viewing')).statusCode).toBe(200);
    expect(await rows()).toEqual([ticket.id, other.id].sort());
    clock += 31_000;
    expect((await beat(bob, other.id, 'viewing')).statusCode).toBe(200);
    expect(await rows()).toEqual([other.id]);
  });

  it('tells the newest public message, never an internal note', async () => {
    const { f, customer, anna, bob, ticket } = await setup();
    const m1 = await f.message({ ticket, author: customer });
    await f.message({ ticket, author: bob, isInternal: true, body: 'internal' });
    const seen = await read(anna, ticket.id);
    expect(seen.lastPublicMessage).toMatchObject({ id: m1.id, author: { id: customer.id } });

    const reply = await api(t, bob).post(`/api/tickets/${ticket.id}/messages`, { body: 'On it' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect((await read(anna, ticket.id)).lastPublicMessage).toMatchObject({ author: { id: bob.id, name: 'Bob' } });
  });

  it('answers 404 to customers (even on their own ticket) and to agents of other departments', async () => {
    const { f, customer, ticket } = await setup();
    const other = await f.user({ role: 'AGENT', departments: [await f.department()] });
    for (const who of [customer, other]) {
      expectError(await api(t, who).get(`/api/tickets/${ticket.id}/presence`), 404, 'NOT_FOUND');
      expectError(await beat(who, ticket.id, 'viewing'), 404, 'NOT_FOUND');
      expectError(await api(t, who).delete(`/api/tickets/${ticket.id}/presence`), 404, 'NOT_FOUND');
    }
    const admin = await f.user({ role: 'ADMIN' });
    expect((await read(admin, ticket.id)).others).toEqual([]);
  });

  it('refuses bad input with 400 and unknown tickets with 404', async () => {
    const { anna, ticket } = await setup();
    expectError(await beat(anna, ticket.id, 'sleeping'), 400, 'VALIDATION_ERROR');
    expectError(
      await api(t, anna).put(`/api/tickets/${ticket.id}/presence`, { state: 'viewing', x: 1 }),
      400,
      'VALIDATION_ERROR',
    );
    expectError(await api(t, anna).get('/api/tickets/not-a-ref/presence'), 400, 'VALIDATION_ERROR');
    expectError(await api(t, anna).get('/api/tickets/999999999/presence'), 404, 'NOT_FOUND');
    expect((await api(t, null).get(`/api/tickets/${ticket.id}/presence`)).statusCode).toBe(401);
  });

  // Two server processes share presence through PostgreSQL: a second app on the same database.
  it.runIf(testDriver === 'postgres')('is seen through a second app on the same PostgreSQL database', async () => {
    const { anna, bob, ticket } = await setup();
    const database = openPostgres({ url: t.url as string, poolSize: 2 });
    const quiet = new Writable({ write: (_c, _e, done) => done() });
    const second = await buildApp({
      config: t.config,
      database,
      now: () => new Date(clock),
      logger: createLogger(t.config, quiet),
    });
    try {
      await second.ready();
      expect((await beat(bob, ticket.id, 'typing-reply')).statusCode).toBe(200);
      const res = await api({ app: second }, anna).get(`/api/tickets/${ticket.id}/presence`);
      expect(expectOk(res, ticketPresenceSchema).others).toEqual([
        { user: { id: bob.id, name: 'Bob' }, state: 'typing-reply' },
      ]);
    } finally {
      await second.close();
      await database.close();
    }
  });
});
