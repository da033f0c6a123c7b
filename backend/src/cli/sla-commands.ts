import type { Command } from 'commander';
import { recomputeOpenTickets } from '../modules/sla/sla.service.js';
import { cliConfig, withDatabase } from './context.js';

/** `sla:recompute`: open tickets' SLA clocks with the current policies and calendars (docs/sla.md). */
export function registerSlaCommands(program: Command): void {
  program
    .command('sla:recompute')
    .description("Recompute open tickets' SLA due times with the current policies and calendars")
    .option('--dry-run', 'report what would change, change nothing')
    .action(async (opts: { dryRun?: boolean }) => {
      const config = cliConfig();
      await withDatabase(config, async (database) => {
        const r = await recomputeOpenTickets(database, { dryRun: opts.dryRun === true });
        const would = opts.dryRun ? 'would be ' : '';
        console.log(`Open tickets examined: ${r.examined}`);
        console.log(`  clocks ${would}changed: ${r.changed}`);
        console.log(`  clocks ${would}started: ${r.started}`);
        console.log(`  clocks ${would}stopped (no target any more): ${r.stopped}`);
        if (opts.dryRun) console.log('Dry run: nothing was changed.');
      });
    });
}
