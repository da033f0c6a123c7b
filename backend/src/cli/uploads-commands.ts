import type { Command } from 'commander';
import { checkUploads } from '../modules/attachments/attachments.service.js';
import { cliConfig, withDatabase } from './context.js';

/** `uploads:check`: the attachment store against the attachments table. */
export function registerUploadsCommands(program: Command): void {
  program
    .command('uploads:check')
    .description(
      'Remove uploaded files that no attachment refers to (older than an hour); report missing or altered files',
    )
    .option('--dry-run', 'report only, remove nothing')
    .action(async (opts: { dryRun?: boolean }) => {
      const config = cliConfig();
      await withDatabase(config, async (database) => {
        const report = await checkUploads(database, config.uploadDir, { dryRun: opts.dryRun });
        const verb = opts.dryRun ? 'would remove' : 'removed';
        console.log(`Uploads in ${config.uploadDir}: ${report.filesOnDisk} file(s), ${report.rows} attachment row(s)`);
        console.log(`  orphan files ${verb}: ${report.orphansRemoved.length}`);
        for (const key of report.orphansRemoved) console.log(`    ${key}`);
        console.log(`  rows whose file is missing: ${report.missing.length}`);
        for (const r of report.missing) console.log(`    attachment ${r.id} (${r.storageKey})`);
        console.log(`  rows whose file no longer matches its SHA-256: ${report.corrupt.length}`);
        for (const r of report.corrupt) console.log(`    attachment ${r.id} (${r.storageKey})`);
        if (report.missing.length + report.corrupt.length > 0) process.exitCode = 2;
      });
    });
}
