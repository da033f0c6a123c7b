import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api } from '../../test/api.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { factories, type TestUser } from '../../test/factories.js';
import { testDriver } from '../../test/test-database.js';
import { buildApp } from '../app.js';
import type { ChangeTopic } from '../db/change-feed.js';
import { type Database, openPostgres } from '../db/client.js';
import type { Logger } from '../lib/logger.js';
import { startWebhookWorkers } from './webhook-workers.js';
import { startWorkers, type Workers } from './workers.js';

/**
 * Who wakes the event workers (decision 030): an instance's own writes wake its running workers
 * without NOTIFY; a process without running workers (the CLI, an instance that runs none) wakes
 * the others by NOTIFY. The poll is an hour here, so only a wake-up can deliver in time.
 */
describe('waking the event workers', () => {
  let t: TestApp;
  let workers: Workers;
  let customer: TestUser;
  let dept: { id: string };
  /** helpdesk_events notifications heard by a separate listener, in order. */
  const heard: string[] = [];
  let stopListening: () => Promise<void>;

  beforeAll(async () => {
    t = await buildTestApp({ WEBHOOK_POLL_SECONDS: '3600' });
    const f = factories(t.database);
    dept = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    if (t.url) {
      const listener = new pg.Client({ connectionString: t.url });
      listener.on('notification', (n) => heard.push(n.payload ?? ''));
      await listener.connect();
      await listener.query('LISTEN helpdesk_events; LISTEN test_marker');
      stopListening = () => listener.end();
    } else {
      const pglite = t.database.pglite;
      const unlisten = await Promise.all(
        ['helpdesk_events', 'test_marker'].map((channel) => pglite?.listen(channel, (payload) => heard.push(payload))),
      );
      stopListening = async () => {
        for (const stop of unlisten) await stop?.();
      };
    }
    workers = await startWebhookWorkers({
      config: t.config,
      database: t.database,
      logger: t.app.log as unknown as Logger,
    });
  });
  afterAll(async () => {
    await workers?.stop();
    await stopListening?.();
    await t?.close();
  });

  /**
   * Everything heard on helpdesk_events up to now: a marker sent last arrives after it (on a
   * channel of its own, which wakes no worker).
   */
  async function notificationsSoFar(): Promise<string[]> {
    const marker = `marker-${heard.length}`;
    await t.database.query('SELECT pg_notify($1, $2)', ['test_marker', marker]);
    await vi.waitFor(() => expect(heard).toContain(marker), { timeout: 10_000 });
    return heard.splice(0).filter((p) => p !== marker);
  }

  /** Events the webhooks consumer (the one that always runs) has not handled yet. */
  async function unhandled(): Promise<number> {
    const [row] = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events e, event_consumers c WHERE c.consumer = 'webhooks' AND e.id > c.event_id`,
    );
    return row?.n ?? -1;
  }

  async function fileTicket(app = t.app) {
    const res = await api({ app }, customer).post('/api/tickets', {
      subject: 'Printer on fire',
      description: 'Smoke from tray 2',
      departmentId: dept.id,
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  it("an instance's own ticket wakes its running workers, with no NOTIFY sent", async () => {
    await notificationsSoFar();
    await fileTicket();
    await vi.waitFor(async () => expect(await unhandled()).toBe(0), { timeout: 15_000 });
    expect(await notificationsSoFar()).toEqual([]);
  });

  it.runIf(testDriver === 'postgres')(
    'a ticket from a process whose workers do not run wakes the running ones by NOTIFY',
    async () => {
      // A second instance on the same database that runs no workers (as the CLI).
      const other: Database = openPostgres({ url: t.url as string, poolSize: 2 });
      const otherApp = await buildApp({ config: t.config, database: other, logger: t.app.log as unknown as Logger });
      try {
        await notificationsSoFar();
        await fileTicket(otherApp);
        await vi.waitFor(async () => expect(await unhandled()).toBe(0), { timeout: 15_000 });
        expect(await notificationsSoFar()).toEqual(['']);
      } finally {
        await otherApp.close();
        await other.close();
      }
    },
  );
});

describe('the worker loop', () => {
  const logger = { error: () => {} } as unknown as Logger;

  /** A database whose change feed the test drives, and a task that counts its rounds. */
  function probe(firstRound?: Promise<void>) {
    let deliver: ((topic: ChangeTopic) => void) | undefined;
    const database = {
      changes: {
        subscribe: (fn: (topic: ChangeTopic) => void) => {
          deliver = fn;
          return () => {};
        },
      },
    } as unknown as Database;
    const state = { rounds: 0, wake: (topic: ChangeTopic = 'events') => deliver?.(topic) };
    const task = {
      name: 'probe',
      async run() {
        state.rounds++;
        if (state.rounds === 1) await firstRound;
        return 0;
      },
    };
    return { state, workers: startWorkers({ database, logger }, [task], { pollMs: 3_600_000 }) };
  }

  it('a wake-up that comes while a round runs brings another round, not the poll', async () => {
    let release = () => {};
    const { state, workers } = probe(new Promise<void>((resolve) => (release = resolve)));
    try {
      await vi.waitFor(() => expect(state.rounds).toBe(1));
      // The round may have read the events before the new one: it must not be the last.
      state.wake();
      release();
      await vi.waitFor(() => expect(state.rounds).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    } finally {
      await workers.stop();
    }
  });

  it('a round started by a wake-up is followed by one more even when it found nothing', async () => {
    const { state, workers } = probe();
    try {
      await vi.waitFor(() => expect(state.rounds).toBe(1));
      // Another instance may hold a consumer's position from an older horizon and pass the
      // new event over: the woken instance looks once more.
      state.wake();
      await vi.waitFor(() => expect(state.rounds).toBe(3), { timeout: 10_000 });
    } finally {
      await workers.stop();
    }
  });
});
