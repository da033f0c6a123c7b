import { Cron } from 'croner';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../lib/logger.js';
import { jobRuns } from '../lib/metrics.js';
import { fetchMailbox } from '../modules/mail/imap.service.js';
import {
  archiveTickets,
  cleanEvents,
  cleanHistory,
  cleanIdempotencyKeys,
  cleanNotifications,
  cleanRateLimits,
  cleanSessions,
  sweepUploads,
  vacuumAnalyze,
} from '../modules/maintenance/maintenance.service.js';
import { runSlaAlerts } from '../modules/sla/sla.service.js';

export interface JobDeps {
  config: Config;
  database: Database;
  logger: Logger;
}

export interface JobDefinition {
  name: string;
  /** PostgreSQL advisory lock key: one instance runs the job at a time. */
  lockKey: number;
  cron: string | undefined;
  run(deps: JobDeps): Promise<Record<string, unknown>>;
}

/** The maintenance jobs with the cron expressions of the config (undefined: off). */
export function jobDefinitions(config: Config): JobDefinition[] {
  const j = config.jobs;
  return [
    {
      name: 'notifications',
      lockKey: 40_101,
      cron: j.notificationsCron,
      run: ({ database }) => cleanNotifications(database, { dryRun: false }),
    },
    {
      name: 'history',
      lockKey: 40_102,
      cron: j.historyCron,
      run: ({ database }) => cleanHistory(database, { dryRun: false, olderThan: j.historyRetention }),
    },
    {
      name: 'archive',
      lockKey: 40_103,
      cron: j.archiveCron,
      run: ({ database }) => archiveTickets(database, { dryRun: false, olderThan: j.archiveAfter }),
    },
    {
      name: 'vacuum',
      lockKey: 40_104,
      cron: j.vacuumCron,
      run: ({ database }) => vacuumAnalyze(database, { dryRun: false }),
    },
    {
      name: 'uploads',
      lockKey: 40_105,
      cron: j.uploadsCron,
      run: ({ database, config: c }) => sweepUploads(database, c, { dryRun: false }),
    },
    {
      name: 'sessions',
      lockKey: 40_106,
      cron: j.sessionsCron,
      run: ({ database, config: c }) => cleanSessions(database, { dryRun: false, idleMinutes: c.sessionIdleMinutes }),
    },
    {
      name: 'rate-limits',
      lockKey: 40_107,
      cron: j.rateLimitsCron,
      run: ({ database }) => cleanRateLimits(database, { dryRun: false }),
    },
    {
      name: 'idempotency-keys',
      lockKey: 40_108,
      cron: j.idempotencyKeysCron,
      run: ({ database, config: c }) =>
        cleanIdempotencyKeys(database, { dryRun: false, ttlHours: c.idempotencyKeyTtlHours }),
    },
    {
      // Warnings and breaches of SLA clocks, once each (docs/sla.md).
      name: 'sla-alerts',
      lockKey: 40_109,
      cron: j.slaAlertsCron,
      run: async ({ database }) => ({ ...(await runSlaAlerts(database)) }),
    },
    {
      name: 'events',
      lockKey: 40_110,
      cron: j.eventsCron,
      run: ({ database }) => cleanEvents(database, { dryRun: false, olderThan: j.eventsRetention }),
    },
    {
      // Incoming mail from MAIL_IMAP_URL (docs/email.md); off without it.
      name: 'mail-fetch',
      lockKey: 40_127,
      cron: config.mailInbound.imapUrl ? j.mailFetchCron : undefined,
      run: ({ config: c, database }) => fetchMailbox({ config: c, database }),
    },
  ];
}

type JobOutcome = 'succeeded' | 'failed' | 'skipped';

/** The minute a cron tick belongs to: every instance woken by the same tick computes the same one. */
export function slotOf(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
}

const runningHere = new WeakMap<Database, Set<string>>();

/**
 * Runs a job for one scheduled slot, on one instance only: it takes the job's advisory lock
 * without waiting (another instance running it → skipped) and, holding it, skips a slot that
 * job_runs shows was already run. Every run is recorded in job_runs.
 */
export async function runJob(deps: JobDeps, job: JobDefinition, slot: Date = slotOf(new Date())): Promise<JobOutcome> {
  const { database, logger } = deps;
  // Within one process too (PGlite has no advisory locks: one process owns it).
  const busy = runningHere.get(database) ?? new Set<string>();
  runningHere.set(database, busy);
  if (busy.has(job.name)) {
    jobRuns.inc({ job: job.name, status: 'skipped' });
    return 'skipped';
  }
  busy.add(job.name);
  const outcome = await database
    .withAdvisoryLock(
      job.lockKey,
      async (): Promise<JobOutcome> => {
        const done = await database.query('SELECT 1 FROM job_runs WHERE job = $1 AND started_at >= $2 LIMIT 1', [
          job.name,
          slot.toISOString(),
        ]);
        if (done.length > 0) return 'skipped';
        const [row] = await database.query<{ id: string }>(
          "INSERT INTO job_runs (job, status) VALUES ($1, 'running') RETURNING id",
          [job.name],
        );
        try {
          const summary = await job.run(deps);
          await database.query(
            "UPDATE job_runs SET status = 'succeeded', finished_at = now(), summary = $2::jsonb WHERE id = $1",
            [row?.id, JSON.stringify(summary)],
          );
          logger.info({ job: job.name, summary }, `job ${job.name} succeeded`);
          return 'succeeded';
        } catch (err) {
          await database.query(
            "UPDATE job_runs SET status = 'failed', finished_at = now(), summary = $2::jsonb WHERE id = $1",
            [row?.id, JSON.stringify({ error: (err as Error).message })],
          );
          logger.error({ err, job: job.name }, `job ${job.name} failed`);
          return 'failed';
        }
      },
      { wait: false },
    )
    .finally(() => busy.delete(job.name));
  const result = outcome ?? 'skipped';
  jobRuns.inc({ job: job.name, status: result });
  return result;
}

export interface Scheduler {
  /** The jobs that are scheduled, with their next run. */
  jobs(): { name: string; cron: string; nextRun: Date | null }[];
  stop(): Promise<void>;
}

/**
 * Starts the configured jobs (nothing when config.jobs.enabled is false). A run still in progress
 * at stop() is awaited, so shutdown never cuts a job off mid-transaction.
 */
export function startScheduler(deps: JobDeps): Scheduler {
  const running = new Set<Promise<unknown>>();
  const crons: { name: string; cron: Cron }[] = [];
  if (deps.config.jobs.enabled) {
    for (const job of jobDefinitions(deps.config)) {
      if (!job.cron) continue;
      const cron = new Cron(job.cron, { protect: true, name: `helpdesk-${job.name}` }, async (self: Cron) => {
        const p = runJob(deps, job, slotOf(self.currentRun() ?? new Date())).catch((err: unknown) => {
          deps.logger.error({ err, job: job.name }, `job ${job.name} could not run`);
        });
        running.add(p);
        await p;
        running.delete(p);
      });
      crons.push({ name: job.name, cron });
    }
  }
  return {
    jobs: () => crons.map(({ name, cron }) => ({ name, cron: cron.getPattern() ?? '', nextRun: cron.nextRun() })),
    async stop() {
      for (const { cron } of crons) cron.stop();
      await Promise.all(running);
    },
  };
}
