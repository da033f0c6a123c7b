import { type Command, InvalidArgumentError } from 'commander';
import { consumerStats, replayEvents, retryEventFailures } from '../modules/events/events.service.js';
import { CliError } from './cli-error.js';
import { cliConfig, withDatabase } from './context.js';

function eventId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected an event id such as 1042');
  return n;
}

/** `events:*`: the consumers' positions, replay and retry (docs/OPERATIONS.md "Events and workers"). */
export function registerEventsCommands(program: Command): void {
  program
    .command('events:status')
    .description("Each event consumer's lag (events not handled yet) and failures")
    .action(async () => {
      await withDatabase(cliConfig(), async (database) => {
        const stats = await consumerStats(database);
        if (stats.length === 0) console.log('No event consumers yet (mail is not configured)');
        for (const s of stats) {
          console.log(`${s.consumer}: lag ${s.lag}, retrying ${s.retrying}, dead ${s.dead}`);
        }
      });
    });

  program
    .command('events:replay')
    .description('Let a consumer handle event ID and every later event again (the running server picks them up)')
    .argument('<consumer>', 'consumer name, e.g. mail')
    .requiredOption('--from <id>', 'first event id to handle again', eventId)
    .action(async (consumer: string, opts: { from: number }) => {
      await withDatabase(cliConfig(), async (database) => {
        if (!(await replayEvents(database, consumer, opts.from))) {
          throw new CliError(`No consumer "${consumer}" or no event ${opts.from}`);
        }
        console.log(`✓ ${consumer} will handle events from ${opts.from} again`);
      });
    });

  program
    .command('events:retry')
    .description('Give every failed event of a consumer (dead ones too) a new attempt now')
    .argument('<consumer>', 'consumer name, e.g. mail')
    .action(async (consumer: string) => {
      await withDatabase(cliConfig(), async (database) => {
        const n = await retryEventFailures(database, consumer);
        console.log(`✓ ${n} failed event(s) of ${consumer} will be tried again`);
      });
    });
}
