import { type Command, InvalidArgumentError } from 'commander';
import {
  archiveTickets,
  cleanHistory,
  cleanIdempotencyKeys,
  cleanNotifications,
  cleanRateLimits,
  cleanSessions,
  listArchived,
  parseAge,
  sweepUploads,
  unarchiveTicket,
  vacuumAnalyze,
} from '../modules/maintenance/maintenance.service.js';
import { CliError } from './cli-error.js';
import { cliConfig, withDatabase } from './context.js';

function age(value: string): string {
  try {
    parseAge(value);
    return value;
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function ticketNumber(value: string): number {
  const n = Number(value.replace(/^#/, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a ticket number such as 1042');
  return n;
}

const prefix = (dryRun: boolean) => (dryRun ? 'Dry run: would' : '✓');

/** `maintenance:*`, `archive:list` and `unarchive`: the guide's clean-up SQL as commands. */
export function registerMaintenanceCommands(program: Command): void {
  program
    .command('maintenance:notifications')
    .description("Delete read notifications older than 30 days (the guide's clean-up)")
    .option('--older-than <age>', 'age such as 30d, 2w, 6m, 1y', age, '30d')
    .option('--dry-run', 'only count what would be deleted', false)
    .action(async (opts: { olderThan: string; dryRun: boolean }) => {
      await withDatabase(cliConfig(), async (database) => {
        const s = await cleanNotifications(database, opts);
        console.log(
          `${prefix(opts.dryRun)} delete ${s.notifications} read notification(s) older than ${opts.olderThan}`,
        );
      });
    });

  program
    .command('maintenance:history')
    .description('Delete ticket history older than an age (default 1 year)')
    .option('--older-than <age>', 'age such as 6m, 1y, 2y', age, '1y')
    .option('--dry-run', 'only count what would be deleted', false)
    .action(async (opts: { olderThan: string; dryRun: boolean }) => {
      await withDatabase(cliConfig(), async (database) => {
        const s = await cleanHistory(database, opts);
        console.log(`${prefix(opts.dryRun)} delete ${s.history} ticket history row(s) older than ${opts.olderThan}`);
      });
    });

  program
    .command('maintenance:archive')
    .description(
      'Move closed tickets not updated for 6 months, with their messages, attachments and history, to the archive tables',
    )
    .option('--older-than <age>', 'age such as 6m, 1y', age, '6m')
    .option('--dry-run', 'only count what would be moved', false)
    .action(async (opts: { olderThan: string; dryRun: boolean }) => {
      await withDatabase(cliConfig(), async (database) => {
        const s = await archiveTickets(database, opts);
        console.log(
          `${prefix(opts.dryRun)} archive ${s.tickets} closed ticket(s) not updated for ${opts.olderThan}: ` +
            `${s.messages} message(s), ${s.attachments} attachment(s), ${s.history} history row(s)`,
        );
        if (s.skipped.length > 0) console.log(`  left in place (still referenced elsewhere): ${s.skipped.join(', ')}`);
      });
    });

  program
    .command('archive:list')
    .description('List archived tickets (newest first), or find one by number')
    .option('--number <n>', 'one ticket number', ticketNumber)
    .action(async (opts: { number?: number }) => {
      await withDatabase(cliConfig(), async (database) => {
        const rows = await listArchived(database, opts);
        if (rows.length === 0) console.log('No archived tickets found');
        for (const r of rows) console.log(`#${r.number}  ${r.subject}  (last updated ${r.updatedAt})`);
      });
    });

  program
    .command('unarchive')
    .description('Bring an archived ticket back, with its messages, attachments and history')
    .argument('<number>', 'the ticket number, e.g. 1042', ticketNumber)
    .option('--dry-run', 'only show what would come back', false)
    .action(async (number: number, opts: { dryRun: boolean }) => {
      await withDatabase(cliConfig(), async (database) => {
        const s = await unarchiveTicket(database, number, opts);
        if (!s.found) throw new CliError(`Ticket #${number} is not in the archive`);
        console.log(
          `${opts.dryRun ? 'Dry run: would bring back' : '✓ Brought back'} ticket #${number}: ` +
            `${s.messages} message(s), ${s.attachments} attachment(s), ${s.history} history row(s)`,
        );
      });
    });

  program
    .command('maintenance:vacuum')
    .description('VACUUM ANALYZE the whole database (reclaims space, refreshes planner statistics)')
    .option('--dry-run', 'only say what would run', false)
    .action(async (opts: { dryRun: boolean }) => {
      await withDatabase(cliConfig(), async (database) => {
        await vacuumAnalyze(database, opts);
        console.log(opts.dryRun ? 'Dry run: would run VACUUM ANALYZE' : '✓ VACUUM ANALYZE done');
      });
    });

  program
    .command('maintenance:sessions')
    .description(
      'Delete sessions that are revoked, expired or idle past SESSION_IDLE_MINUTES, and used or expired reset and e-mail confirmation links',
    )
    .option('--dry-run', 'only count what would be deleted', false)
    .action(async (opts: { dryRun: boolean }) => {
      const config = cliConfig();
      await withDatabase(config, async (database) => {
        const s = await cleanSessions(database, { ...opts, idleMinutes: config.sessionIdleMinutes });
        console.log(
          `${prefix(opts.dryRun)} delete ${s.sessions} dead session(s), ${s.resetLinks} reset link(s) and ${s.emailChangeLinks} e-mail confirmation link(s)`,
        );
      });
    });

  program
    .command('maintenance:rate-limits')
    .description('Delete rate-limit counters whose window has ended')
    .option('--dry-run', 'only count what would be deleted', false)
    .action(async (opts: { dryRun: boolean }) => {
      await withDatabase(cliConfig(), async (database) => {
        const s = await cleanRateLimits(database, opts);
        console.log(`${prefix(opts.dryRun)} delete ${s.rateLimits} ended rate-limit window(s)`);
      });
    });

  program
    .command('maintenance:idempotency-keys')
    .description('Delete Idempotency-Keys of ticket creation older than IDEMPOTENCY_KEY_TTL_HOURS')
    .option('--dry-run', 'only count what would be deleted', false)
    .action(async (opts: { dryRun: boolean }) => {
      const config = cliConfig();
      await withDatabase(config, async (database) => {
        const s = await cleanIdempotencyKeys(database, { ...opts, ttlHours: config.idempotencyKeyTtlHours });
        console.log(
          `${prefix(opts.dryRun)} delete ${s.idempotencyKeys} idempotency key(s) older than ${config.idempotencyKeyTtlHours} hour(s)`,
        );
      });
    });

  program
    .command('maintenance:uploads')
    .description(
      'Delete files in the store (UPLOAD_DIR or the bucket) that no attachment refers to (older than an hour)',
    )
    .option('--dry-run', 'only count what would be deleted', false)
    .action(async (opts: { dryRun: boolean }) => {
      const config = cliConfig();
      await withDatabase(config, async (database) => {
        const s = await sweepUploads(database, config, opts);
        console.log(`${prefix(opts.dryRun)} delete ${s.orphans} orphan upload(s), ${s.bytes} bytes`);
      });
    });
}
