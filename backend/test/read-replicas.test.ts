import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import { createLogger } from '../src/lib/logger.js';
import { READ_AFTER_COOKIE } from '../src/plugins/read-replicas.js';
import { factories, type TestUser } from './factories.js';
import { type StreamingReplica, startStreamingReplica } from './streaming-replica.js';
import { createTestDatabase, testDatabaseUrl } from './test-database.js';
import { metricValue, until as waitUntil } from './wait.js';

/**
 * Read replicas against a real streaming replica: pg_basebackup of the test PostgreSQL, started
 * as a hot standby on a free port, paused, lagging and stopped by the test (docs/OPERATIONS.md).
 */
describe.skipIf(!testDatabaseUrl)(
  'read replicas (PostgreSQL only: needs TEST_DATABASE_URL for a streaming replica)',
  () => {
    let database: Database;
    let dbUrl: string;
    let drop: () => Promise<void>;
    let replica: StreamingReplica;
    // Made in beforeAll: a skipped file (PGlite) leaves nothing behind.
    let tmp = '';
    const apps: FastifyInstance[] = [];
    let f: ReturnType<typeof factories>;
    let admin: TestUser;
    let customer: TestUser;
    let department: { id: string };

    /** An app on the test database; `env` adds settings (the replica's URL, the lag bound). */
    async function appWith(env: Record<string, string>): Promise<FastifyInstance> {
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'silent',
        DATABASE_URL: dbUrl,
        DATA_DIR: path.join(tmp, 'data'),
        UPLOAD_DIR: path.join(tmp, 'uploads'),
        CLIENT_DIST_DIR: path.join(tmp, 'no-client'),
        ...env,
      });
      const sink = new Writable({ write: (_c, _e, done) => done() });
      const app = await buildApp({ config, database, logger: createLogger(config, sink) });
      await app.ready();
      apps.push(app);
      return app;
    }

    beforeAll(async () => {
      const created = await createTestDatabase();
      tmp = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-replica-app-'));
      database = created.database;
      dbUrl = created.url as string;
      drop = created.drop;
      f = factories(database);
      department = await f.department();
      admin = await f.user({ role: 'ADMIN', departments: [department] });
      customer = await f.user({ role: 'CUSTOMER' });
      // After the rows above: the backup holds them.
      replica = await startStreamingReplica(testDatabaseUrl as string);
    }, 120_000);

    // Each test's apps are closed after it: their replica checks would otherwise go on beside the next test's.
    afterEach(async () => {
      for (const app of apps.splice(0)) await app.close();
    });

    afterAll(async () => {
      await replica?.destroy();
      await drop?.();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    }, 60_000);

    const replicaEnv = (maxLagSeconds: string) => ({
      DATABASE_REPLICA_URL: replica.url(new URL(dbUrl).pathname.slice(1)),
      DATABASE_REPLICA_MAX_LAG_SECONDS: maxLagSeconds,
    });

    /** A counter or gauge of /metrics (process-wide), `absent` when it has no such line. */
    async function metric(
      app: FastifyInstance,
      name: string,
      labels: Record<string, string>,
      absent = 0,
    ): Promise<number> {
      const res = await app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      return metricValue(res.body, name, labels, absent);
    }

    const until = (what: string, test: () => Promise<boolean>) => waitUntil(what, test, 30_000);

    const get = (app: FastifyInstance, user: TestUser, url: string, extraCookie?: string) =>
      app.inject({
        method: 'GET',
        url,
        headers: { ...user.headers, cookie: [user.cookie, extraCookie].filter(Boolean).join('; ') },
      });

    const subjects = (res: LightMyRequestResponse): string[] => {
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { data: { subject: string }[] }).data.map((t) => t.subject);
    };

    const fileTicket = async (app: FastifyInstance, subject: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/tickets',
        headers: customer.headers,
        payload: { subject, description: 'Please help with this.', departmentId: department.id },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res;
    };

    const replicaUp = (app: FastifyInstance) => async () =>
      (await metric(app, 'helpdesk_db_replica_lag_seconds', { replica: 'replica1' }, -1)) >= 0;

    /** True once an admin's queue read on `app` was served by the replica. */
    const replicaServes = (app: FastifyInstance) => async () => {
      const before = await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'replica1' });
      expect((await get(app, admin, '/api/tickets')).statusCode).toBe(200);
      return (await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'replica1' })) > before;
    };

    it('serves the queue, search, dashboard, reports and customers from the replica', async () => {
      const app = await appWith(replicaEnv('3600'));
      await until('the replica serves the app', replicaServes(app));
      const before = await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'replica1' });
      const primaryBefore = await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'primary' });
      for (const url of [
        '/api/tickets',
        '/api/tickets?q=help',
        '/api/dashboard',
        '/api/satisfaction/summary',
        '/api/customers',
      ]) {
        const res = await get(app, admin, url);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      }
      expect(await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'replica1' })).toBe(before + 5);
      expect(await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'primary' })).toBe(primaryBefore);

      // An API token keeps no cookie that would carry its last write: its heavy reads stay on the primary.
      const created = await app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: admin.headers,
        payload: { name: 'script' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const secret = (created.json() as { data: { secret: string } }).data.secret;
      const res = await app.inject({
        method: 'GET',
        url: '/api/tickets',
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'replica1' })).toBe(before + 5);
    });

    it('shows a caller their own write at once while the replica is paused; others read the replica', async () => {
      const app = await appWith(replicaEnv('3600'));
      // Another worker or host: it knows of the write only through the cookie.
      const other = await appWith(replicaEnv('3600'));
      // Answering is not enough: a replica paused before it has replayed the primary's first sample
      // of a new app counts as lagging (its lag cannot be told) and every read goes to the primary.
      await until('the replica serves the app', replicaServes(app));
      await until('the replica serves the other app', replicaServes(other));
      await replica.pause();
      try {
        const res = await fileTicket(app, 'Printer on fire while paused');
        const cookie = res.cookies.find((c) => c.name === READ_AFTER_COOKIE);
        expect(cookie?.value).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
        const readAfter = `${READ_AFTER_COOKIE}=${cookie?.value}`;
        const primaryReads = await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'primary' });
        const waitedFor = await metric(app, 'helpdesk_db_replica_fallbacks_total', { reason: 'read_your_writes' });

        // The writer's next queue read goes to the primary: their ticket is there.
        expect(subjects(await get(app, customer, '/api/tickets', readAfter))).toContain('Printer on fire while paused');
        expect(subjects(await get(other, customer, '/api/tickets', readAfter))).toContain(
          'Printer on fire while paused',
        );
        expect(await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'primary' })).toBe(primaryReads + 2);
        expect(await metric(app, 'helpdesk_db_replica_fallbacks_total', { reason: 'read_your_writes' })).toBe(
          waitedFor + 2,
        );

        // Anyone else (and the writer without the cookie) reads the paused replica, which has not replayed it.
        // (On a busy machine a check may time out and count the replica as down for a moment: wait for it.)
        await until('the replica answers its check', replicaUp(app));
        await until('the replica answers the other app', replicaUp(other));
        const replicaReads = await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'replica1' });
        expect(subjects(await get(app, admin, '/api/tickets'))).not.toContain('Printer on fire while paused');
        expect(subjects(await get(other, customer, '/api/tickets'))).not.toContain('Printer on fire while paused');
        expect(await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'replica1' })).toBe(replicaReads + 2);
      } finally {
        await replica.resume();
      }
      // Once replayed, the replica has it for everyone.
      await until('the replica replays the ticket', async () =>
        subjects(await get(app, admin, '/api/tickets')).includes('Printer on fire while paused'),
      );
    });

    it('sets the read-after cookie on writes, not on heartbeats and drafts that no heavy read shows', async () => {
      const app = await appWith(replicaEnv('3600'));
      const ticket = await f.ticket({ customer, department, subject: 'Heartbeats and drafts' });
      const readAfter = (res: LightMyRequestResponse) => {
        expect(res.statusCode, res.body).toBe(200);
        return res.cookies.find((c) => c.name === READ_AFTER_COOKIE)?.value;
      };
      const put = (url: string, payload: object) => app.inject({ method: 'PUT', url, headers: admin.headers, payload });
      expect(readAfter(await put(`/api/tickets/${ticket.id}/presence`, { state: 'viewing' }))).toBeUndefined();
      expect(readAfter(await put(`/api/tickets/${ticket.id}/drafts/reply`, { body: 'Half a reply' }))).toBeUndefined();
      expect(readAfter(await put('/api/drafts/new-ticket', { subject: 'Half', body: 'a ticket' }))).toBeUndefined();
      const note = await app.inject({
        method: 'POST',
        url: `/api/tickets/${ticket.id}/messages`,
        headers: admin.headers,
        payload: { body: 'A note', isInternal: true },
      });
      expect(note.statusCode, note.body).toBe(201);
      expect(note.cookies.find((c) => c.name === READ_AFTER_COOKIE)?.value).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    });

    it('sends reads to the primary while the replica lags beyond DATABASE_REPLICA_MAX_LAG_SECONDS', async () => {
      const app = await appWith(replicaEnv('1'));
      await until('the replica answers its check', replicaUp(app));
      await replica.pause();
      try {
        // Written on the primary by someone else: no cookie is involved.
        await f.ticket({ customer, department, subject: 'Written while the replica lags' });
        await until(
          'the replica is reported lagging',
          async () => (await metric(app, 'helpdesk_db_replica_lag_seconds', { replica: 'replica1' })) > 1,
        );
        const lagging = await metric(app, 'helpdesk_db_replica_fallbacks_total', { reason: 'lagging' });
        expect(subjects(await get(app, admin, '/api/tickets'))).toContain('Written while the replica lags');
        expect(await metric(app, 'helpdesk_db_replica_fallbacks_total', { reason: 'lagging' })).toBe(lagging + 1);
      } finally {
        await replica.resume();
      }
      await until('the replica catches up and serves again', async () => {
        const reads = await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'replica1' });
        const res = await get(app, admin, '/api/tickets');
        return (
          subjects(res).includes('Written while the replica lags') &&
          (await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'replica1' })) === reads + 1
        );
      });
    });

    it('answers from the primary, never a 5xx, when the replica is down', async () => {
      const app = await appWith(replicaEnv('3600'));
      await until('the replica answers its check', replicaUp(app));
      // Open pooled connections to the replica first, so that its shutdown breaks them under a read.
      expect((await get(app, admin, '/api/tickets')).statusCode).toBe(200);
      await replica.stop();
      await f.ticket({ customer, department, subject: 'Written after the replica stopped' });
      const primaryReads = await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'primary' });
      const urls = [
        '/api/tickets',
        '/api/tickets?q=stopped',
        '/api/dashboard',
        '/api/satisfaction/summary',
        '/api/customers',
      ];
      for (const url of urls) {
        const res = await get(app, admin, url);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      }
      expect(subjects(await get(app, admin, '/api/tickets'))).toContain('Written after the replica stopped');
      expect(await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'primary' })).toBe(
        primaryReads + urls.length + 1,
      );
      await until('the check reports the replica down', async () => {
        if ((await metric(app, 'helpdesk_db_replica_lag_seconds', { replica: 'replica1' }, -2)) !== -1) return false;
        const down = await metric(app, 'helpdesk_db_replica_fallbacks_total', { reason: 'down' });
        expect((await get(app, admin, '/api/tickets')).statusCode).toBe(200);
        return (await metric(app, 'helpdesk_db_replica_fallbacks_total', { reason: 'down' })) === down + 1;
      });
    });

    it('without DATABASE_REPLICA_URL reads and writes as before: no cookie, no replica reads', async () => {
      const app = await appWith({});
      const primaryReads = await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'primary' });
      const res = await fileTicket(app, 'Filed without replicas');
      expect(res.cookies.find((c) => c.name === READ_AFTER_COOKIE)).toBeUndefined();
      expect(subjects(await get(app, customer, '/api/tickets'))).toContain('Filed without replicas');
      expect(await metric(app, 'helpdesk_db_heavy_reads_total', { target: 'primary' })).toBe(primaryReads);
    });
  },
);
