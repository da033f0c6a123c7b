import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { cleanEvents } from '../maintenance/maintenance.service.js';
import {
  backoffMs,
  consumerStats,
  type EventConsumer,
  handleNewEvents,
  registerConsumer,
  replayEvents,
  retryFailedEvents,
  type StoredEvent,
} from './events.service.js';

describe('events', () => {
  const t = useTestApp();
  let customer: TestUser;
  let agent: TestUser;
  let dept: { id: string };

  beforeAll(async () => {
    const f = factories(t.database);
    dept = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
  });

  /** A consumer that keeps what it saw; `fail` decides per event whether it throws. */
  function recorder(name: string, fail: (e: StoredEvent) => boolean = () => false) {
    const seen: StoredEvent[] = [];
    const consumer: EventConsumer = {
      name,
      async handle(_tx, event) {
        if (fail(event)) throw new Error(`cannot handle ${event.type}`);
        seen.push(event);
      },
    };
    return { consumer, seen };
  }

  async function drain(consumer: EventConsumer, now?: () => Date) {
    while ((await handleNewEvents(t.database, consumer, { now })) > 0);
  }

  it('records the ticket writes in order, with minimal payloads, and a consumer sees each once', async () => {
    const { consumer, seen } = recorder('test-order');
    await registerConsumer(t.database, consumer.name);
    const created = await api(t, customer).post('/api/tickets', {
      subject: 'Printer on fire',
      description: 'Smoke everywhere',
      departmentId: dept.id,
    });
    expect(created.statusCode).toBe(201);
    const ticket = created.json().data.ticket as { id: string; number: number; version: number };
    // Filed in one statement: its history quotes the number the same statement drew.
    const history = (await api(t, agent).get(`/api/tickets/${ticket.id}/history`)).json().data;
    expect(history).toMatchObject([{ action: 'created', newValue: `#${ticket.number}` }]);
    await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, { body: 'Secret note', isInternal: true });
    await api(t, agent).post(`/api/tickets/${ticket.id}/assign-to-me`);
    const statuses = (await api(t, agent).get('/api/statuses')).json().data as { id: string; name: string }[];
    const resolved = statuses.find((s) => s.name === 'Resolved');
    const current = (await api(t, agent).get(`/api/tickets/${ticket.id}`)).json().data.ticket;
    const patched = await api(t, agent).patch(`/api/tickets/${ticket.id}`, {
      version: current.version,
      statusId: resolved?.id,
      subject: 'Printer was on fire',
    });
    expect(patched.statusCode).toBe(200);

    await drain(consumer);
    await drain(consumer);
    const mine = seen.filter((e) => e.ticketId === ticket.id);
    expect(mine.map((e) => e.type)).toEqual([
      'ticket.created',
      'message.added',
      'ticket.assigned',
      'ticket.updated',
      'ticket.status_changed',
    ]);
    expect(mine[0]?.payload).toEqual({ number: ticket.number });
    expect(mine[1]?.payload).toMatchObject({ isInternal: true });
    expect(JSON.stringify(mine)).not.toContain('Secret note');
    expect(mine[3]?.payload).toEqual({ fields: ['subject'] });
    expect(mine[4]?.payload).toMatchObject({ statusId: resolved?.id, closed: true });
    expect(mine.every((e) => e.actorId === customer.id || e.actorId === agent.id)).toBe(true);
  });

  it('a rejected write records no event', async () => {
    const { consumer, seen } = recorder('test-rejected');
    await registerConsumer(t.database, consumer.name);
    const bad = await api(t, customer).post('/api/tickets', {
      subject: 'x',
      description: 'y',
      departmentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(bad.statusCode).toBe(422);
    await drain(consumer);
    expect(seen).toEqual([]);
  });

  it('a failing event is kept, retried with backoff on the injected clock, and the others go on', async () => {
    let broken = true;
    const { consumer, seen } = recorder('test-retry', (e) => broken && e.payload.isInternal === false);
    await registerConsumer(t.database, consumer.name);
    const ticket = await factories(t.database).ticket({ customer, department: dept });
    await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, { body: 'Public reply' });
    await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, { body: 'Note', isInternal: true });
    const start = new Date();
    let clock = start;
    const now = () => clock;
    await drain(consumer, now);
    expect(seen.map((e) => e.payload.isInternal)).toEqual([true]);
    let [stats] = (await consumerStats(t.database)).filter((s) => s.consumer === consumer.name);
    expect(stats).toMatchObject({ lag: 0, retrying: 1, dead: 0 });

    // Not due yet: nothing is tried.
    expect(await retryFailedEvents(t.database, consumer, { now })).toBe(0);
    // Due, still failing: the wait doubles.
    clock = new Date(start.getTime() + backoffMs(1) + 1000);
    expect(await retryFailedEvents(t.database, consumer, { now })).toBe(1);
    const [failure] = await queryRows<{ attempts: number; next: Date; lastError: string }>(
      t.database.db,
      sql`SELECT attempts, next_attempt_at AS next, last_error AS "lastError" FROM event_failures WHERE consumer = ${consumer.name}`,
    );
    expect(failure?.attempts).toBe(2);
    expect(new Date(failure?.next as Date).getTime()).toBe(clock.getTime() + backoffMs(2));
    expect(failure?.lastError).toBe('cannot handle message.added');

    broken = false;
    clock = new Date(clock.getTime() + backoffMs(2));
    expect(await retryFailedEvents(t.database, consumer, { now })).toBe(1);
    expect(seen.map((e) => e.payload.isInternal)).toEqual([true, false]);
    [stats] = (await consumerStats(t.database)).filter((s) => s.consumer === consumer.name);
    expect(stats).toMatchObject({ lag: 0, retrying: 0, dead: 0 });
  });

  it('two workers at once never hand one event to both', async () => {
    const { consumer, seen } = recorder('test-race');
    await registerConsumer(t.database, consumer.name);
    const ticket = await factories(t.database).ticket({ customer, department: dept });
    for (let i = 0; i < 5; i++) await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, { body: `Reply ${i}` });
    await Promise.all([drain(consumer), drain(consumer), drain(consumer)]);
    const ids = seen.map((e) => e.id);
    expect(ids.length).toBe(5);
    expect(new Set(ids).size).toBe(5);
  });

  it('replay hands events to the consumer again', async () => {
    const { consumer, seen } = recorder('test-replay');
    await registerConsumer(t.database, consumer.name);
    const ticket = await factories(t.database).ticket({ customer, department: dept });
    await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, { body: 'One' });
    await drain(consumer);
    const first = seen[0];
    expect(first?.type).toBe('message.added');
    expect(await replayEvents(t.database, consumer.name, first?.id as number)).toBe(true);
    await drain(consumer);
    expect(seen.map((e) => e.id)).toEqual([first?.id, first?.id]);
  });

  it('retention removes old events every consumer has handled, and keeps recent ones and those a consumer still needs', async () => {
    const eventIds = async () =>
      (await t.database.query<{ id: string }>('SELECT id::text AS id FROM events ORDER BY events.id')).map((r) =>
        Number(r.id),
      );
    const ticket = await factories(t.database).ticket({ customer, department: dept });
    await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, { body: 'Old' });
    const [needed] = (await eventIds()).slice(-1);
    await t.database.query("UPDATE events SET created_at = now() - interval '60 days'");
    await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, { body: 'Recent' });
    const [recent] = (await eventIds()).slice(-1);

    // Every consumer has handled everything, except one that is behind from `needed` on.
    const lagging = recorder('test-lagging');
    await registerConsumer(t.database, lagging.consumer.name);
    for (const { consumer } of await consumerStats(t.database)) await drain(recorder(consumer).consumer);
    await replayEvents(t.database, lagging.consumer.name, needed as number);
    const before = await eventIds();
    expect(before.filter((id) => id < (needed as number)).length).toBeGreaterThan(0);

    const dry = await cleanEvents(t.database, { dryRun: true, olderThan: '30d' });
    expect(await eventIds()).toEqual(before);
    const cleaned = await cleanEvents(t.database, { dryRun: false, olderThan: '30d' });
    expect(cleaned).toEqual({ dryRun: false, events: before.filter((id) => id < (needed as number)).length });
    expect(dry).toEqual({ ...cleaned, dryRun: true });
    expect(await eventIds()).toEqual([needed, recent]);

    // Once the consumer has caught up, the old event goes too; the recent one stays.
    await drain(lagging.consumer);
    await cleanEvents(t.database, { dryRun: false, olderThan: '30d' });
    expect(await eventIds()).toEqual([recent]);
  });
});
