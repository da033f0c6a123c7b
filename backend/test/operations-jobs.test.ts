import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openPostgres } from '../src/db/client.js';
import { type JobDefinition, jobDefinitions, runJob, slotOf, startScheduler } from '../src/jobs/scheduler.js';
import { createLogger } from '../src/lib/logger.js';
import { api } from './api.js';
import { useTestApp } from './build-test-app.js';
import { factories } from './factories.js';
import { createTestDatabase, testDatabaseUrl } from './test-database.js';

const logs: string[] = [];
const logger = createLogger(
  { logLevel: 'info', logFormat: 'json' },
  new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  }),
);

describe('scheduled jobs', () => {
  const t = useTestApp();

  it('reads cron expressions from the config; history is off unless enabled; nothing runs under test', () => {
    const config = loadConfig({ NODE_ENV: 'production', JOB_HISTORY_CRON: '0 1 1 * *' });
    const byName = Object.fromEntries(jobDefinitions(config).map((j) => [j.name, j.cron]));
    expect(byName).toEqual({
      notifications: '30 3 * * *',
      history: '0 1 1 * *',
      archive: '0 4 * * 0',
      vacuum: '30 4 * * 0',
      uploads: '0 5 * * *',
      sessions: '15 3 * * *',
      'rate-limits': '5 * * * *',
      'idempotency-keys': '35 * * * *',
      'sla-alerts': '* * * * *',
      events: '45 3 * * *',
    });
    expect(jobDefinitions(loadConfig({})).find((j) => j.name === 'history')?.cron).toBeUndefined();
    expect(() => loadConfig({ JOB_VACUUM_CRON: 'every sunday' })).toThrow(/JOB_VACUUM_CRON/);
    expect(loadConfig({ NODE_ENV: 'test' }).jobs.enabled).toBe(false);
    expect(startScheduler({ config: t.config, database: t.database, logger }).jobs()).toEqual([]);
  });

  it('starts the enabled jobs and stops them', async () => {
    const config = loadConfig({ NODE_ENV: 'test', JOBS_ENABLED: 'true', JOB_UPLOADS_CRON: 'off' });
    expect(loadConfig({ JOB_SESSIONS_CRON: 'off' }).jobs.sessionsCron).toBeUndefined();
    const scheduler = startScheduler({ config, database: t.database, logger });
    const jobs = scheduler.jobs();
    expect(jobs.map((j) => j.name).sort()).toEqual([
      'archive',
      'events',
      'idempotency-keys',
      'notifications',
      'rate-limits',
      'sessions',
      'sla-alerts',
      'vacuum',
    ]);
    expect(jobs.every((j) => j.nextRun instanceof Date)).toBe(true);
    await scheduler.stop();
  });

  it('records each run in job_runs, runs a slot once and records failures', async () => {
    const u = await factories(t.database).user();
    await t.database.query(
      `INSERT INTO notifications (user_id, type, title, is_read, created_at)
       VALUES ($1, 'agent_reply', 'Old', true, now() - interval '31 days')`,
      [u.id],
    );
    const deps = { config: t.config, database: t.database, logger };
    const job = jobDefinitions(t.config).find((j) => j.name === 'notifications') as JobDefinition;
    const slot = slotOf(new Date());
    expect(await runJob(deps, job, slot)).toBe('succeeded');
    expect(await runJob(deps, job, slot)).toBe('skipped');
    const [run] = await t.database.query<{ status: string; summary: unknown; finished: boolean }>(
      "SELECT status, summary, finished_at IS NOT NULL AS finished FROM job_runs WHERE job = 'notifications'",
    );
    expect(run).toEqual({ status: 'succeeded', summary: { dryRun: false, notifications: 1 }, finished: true });

    const broken: JobDefinition = {
      name: 'broken',
      lockKey: 49_999,
      cron: undefined,
      run: async () => {
        throw new Error('disk on fire');
      },
    };
    expect(await runJob(deps, broken)).toBe('failed');
    const [failed] = await t.database.query<{ status: string; summary: unknown }>(
      "SELECT status, summary FROM job_runs WHERE job = 'broken'",
    );
    expect(failed).toEqual({ status: 'failed', summary: { error: 'disk on fire' } });
    expect(logs.some((l) => l.includes('job broken failed'))).toBe(true);

    const metrics = await api(t).get('/metrics');
    expect(metrics.body).toContain('helpdesk_job_runs_total{job="broken",status="failed"} 1');
    expect(metrics.body).toContain('helpdesk_job_runs_total{job="notifications",status="succeeded"} 1');
  });

  it('sessions, rate-limits and idempotency-keys delete only what can no longer be used', async () => {
    const f = factories(t.database);
    const deps = { config: t.config, database: t.database, logger };
    const run = async (name: string) => {
      const job = jobDefinitions(t.config).find((j) => j.name === name) as JobDefinition;
      expect(await runJob(deps, job)).toBe('succeeded');
      const [row] = await t.database.query<{ summary: unknown }>(
        'SELECT summary FROM job_runs WHERE job = $1 ORDER BY started_at DESC LIMIT 1',
        [name],
      );
      return row?.summary;
    };
    const count = async (table: string) =>
      (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n;

    const user = await f.user();
    const sessionsBefore = await count('sessions');
    await t.database.query(
      `INSERT INTO sessions (user_id, token_hash, expires_at, revoked_at, last_seen_at) VALUES
         ($1, 'revoked', now() + interval '1 day', now(), now()),
         ($1, 'expired', now() - interval '1 minute', NULL, now()),
         ($1, 'idle', now() + interval '1 day', NULL, now() - ($2 + 1) * interval '1 minute')`,
      [user.id, t.config.sessionIdleMinutes],
    );
    await t.database.query(
      `INSERT INTO password_reset_tokens (user_id, token_hash, expires_at, used_at) VALUES
         ($1, 'used', now() + interval '1 day', now()),
         ($1, 'expired', now() - interval '1 minute', NULL),
         ($1, 'live', now() + interval '1 day', NULL)`,
      [user.id],
    );
    await t.database.query(
      `INSERT INTO email_change_tokens (user_id, new_email, token_hash, expires_at, used_at) VALUES
         ($1, 'a@example.test', 'used', now() + interval '1 day', now()),
         ($1, 'b@example.test', 'live', now() + interval '1 day', NULL)`,
      [user.id],
    );
    expect(await run('sessions')).toEqual({ dryRun: false, sessions: 3, resetLinks: 2, emailChangeLinks: 1 });
    expect(await count('sessions')).toBe(sessionsBefore);
    expect(await count('password_reset_tokens')).toBe(1);
    expect(await count('email_change_tokens')).toBe(1);
    // The live session still signs the user in.
    expect((await api(t, user).get('/api/auth/me')).statusCode).toBe(200);

    await t.database.query(
      `INSERT INTO rate_limits (key, count, reset_at) VALUES
         ('login:ended', 9, now() - interval '1 second'), ('login:current', 3, now() + interval '10 minutes')`,
    );
    expect(await run('rate-limits')).toEqual({ dryRun: false, rateLimits: 1 });
    expect(await t.database.query('SELECT key FROM rate_limits')).toEqual([{ key: 'login:current' }]);

    const dept = await f.department();
    const file = (key: string) =>
      api(t).post(
        '/api/tickets',
        { subject: 'Printer', description: 'Jammed', departmentId: dept.id },
        { headers: { ...user.headers, 'idempotency-key': key } },
      );
    await file('expired-key');
    await file('fresh-key');
    const ttl = t.config.idempotencyKeyTtlHours;
    await t.database.query(
      `UPDATE idempotency_keys SET created_at = now() - $1 * interval '1 hour' - interval '1 minute' WHERE key = 'expired-key'`,
      [ttl],
    );
    expect(await run('idempotency-keys')).toEqual({ dryRun: false, idempotencyKeys: 1 });
    expect(await t.database.query('SELECT key FROM idempotency_keys')).toEqual([{ key: 'fresh-key' }]);
    expect((await file('fresh-key')).headers['idempotent-replayed']).toBe('true');
  });

  it.skipIf(!testDatabaseUrl)('two instances on one PostgreSQL run a job once', async () => {
    const { database, url, drop } = await createTestDatabase();
    const other = openPostgres({ url: url as string, poolSize: 2 });
    try {
      const u = await factories(database).user();
      await database.query(
        `INSERT INTO notifications (user_id, type, title, is_read, created_at)
         VALUES ($1, 'agent_reply', 'Old', true, now() - interval '31 days')`,
        [u.id],
      );
      let calls = 0;
      const job: JobDefinition = {
        ...(jobDefinitions(t.config).find((j) => j.name === 'notifications') as JobDefinition),
        run: async ({ database: db }) => {
          calls++;
          await db.query('SELECT pg_sleep(0.3)');
          return { done: true };
        },
      };
      const slot = slotOf(new Date());
      const outcomes = await Promise.all([
        runJob({ config: t.config, database, logger }, job, slot),
        runJob({ config: t.config, database: other, logger }, job, slot),
      ]);
      expect(outcomes.sort()).toEqual(['skipped', 'succeeded']);
      // A late instance woken by the same tick finds the run recorded.
      expect(await runJob({ config: t.config, database: other, logger }, job, slot)).toBe('skipped');
      expect(calls).toBe(1);
      const runs = await database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM job_runs WHERE job = 'notifications'",
      );
      expect(runs[0]?.n).toBe(1);
    } finally {
      await other.close();
      await drop();
    }
  });

  it.skipIf(!testDatabaseUrl)(
    'jobs holding their locks leave the pool to their statements (a pool of one)',
    async () => {
      const { url, drop } = await createTestDatabase();
      const small = openPostgres({ url: url as string, poolSize: 1 });
      try {
        const ran: string[] = [];
        const sleeper = (name: string): JobDefinition => ({
          ...(jobDefinitions(t.config).find((j) => j.name === name) as JobDefinition),
          run: async ({ database: db }) => {
            await db.query('SELECT pg_sleep(0.2)');
            ran.push(name);
            return { done: true };
          },
        });
        // Two jobs at once, each holding its advisory lock while its statements need the pool's one
        // connection: with the lock on a pool connection they would wait for each other until the
        // pool's 5 s timeout and fail.
        const outcomes = await Promise.all([
          runJob({ config: t.config, database: small, logger }, sleeper('notifications')),
          runJob({ config: t.config, database: small, logger }, sleeper('idempotency-keys')),
        ]);
        expect(outcomes).toEqual(['succeeded', 'succeeded']);
        expect(ran.sort()).toEqual(['idempotency-keys', 'notifications']);
        expect(small.poolStats().total).toBeLessThanOrEqual(1);
      } finally {
        await small.close();
        await drop();
      }
    },
  );
});
