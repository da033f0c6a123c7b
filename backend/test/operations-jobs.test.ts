import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openPostgres } from '../src/db/client.js';
import { type JobDefinition, jobDefinitions, runJob, slotOf, startScheduler } from '../src/jobs/scheduler.js';
import { createLogger } from '../src/lib/logger.js';
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
    });
    expect(jobDefinitions(loadConfig({})).find((j) => j.name === 'history')?.cron).toBeUndefined();
    expect(() => loadConfig({ JOB_VACUUM_CRON: 'every sunday' })).toThrow(/JOB_VACUUM_CRON/);
    expect(loadConfig({ NODE_ENV: 'test' }).jobs.enabled).toBe(false);
    expect(startScheduler({ config: t.config, database: t.database, logger }).jobs()).toEqual([]);
  });

  it('starts the enabled jobs and stops them', async () => {
    const config = loadConfig({ NODE_ENV: 'test', JOBS_ENABLED: 'true', JOB_UPLOADS_CRON: 'off' });
    const scheduler = startScheduler({ config, database: t.database, logger });
    const jobs = scheduler.jobs();
    expect(jobs.map((j) => j.name).sort()).toEqual(['archive', 'notifications', 'vacuum']);
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

    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('helpdesk_job_runs_total{job="broken",status="failed"} 1');
    expect(metrics.body).toContain('helpdesk_job_runs_total{job="notifications",status="succeeded"} 1');
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
});
