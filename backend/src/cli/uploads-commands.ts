import { type Command, Option } from 'commander';
import { checkUploads, migrateStorage } from '../modules/attachments/attachments.service.js';
import { CliError } from './cli-error.js';
import { cliConfig, withDatabase } from './context.js';

/** `uploads:check` (the store against the rows that name files) and `storage:migrate`. */
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
        const report = await checkUploads(database, config, { dryRun: opts.dryRun });
        const verb = opts.dryRun ? 'would remove' : 'removed';
        console.log(`Uploads in ${report.where}: ${report.filesOnDisk} file(s), ${report.rows} attachment row(s)`);
        console.log(`  orphan files ${verb}: ${report.orphansRemoved.length}`);
        for (const key of report.orphansRemoved) console.log(`    ${key}`);
        console.log(`  rows whose file is missing: ${report.missing.length}`);
        for (const r of report.missing) console.log(`    attachment ${r.id} (${r.storageKey})`);
        console.log(`  rows whose file no longer matches its SHA-256: ${report.corrupt.length}`);
        for (const r of report.corrupt) console.log(`    attachment ${r.id} (${r.storageKey})`);
        if (report.missing.length + report.corrupt.length > 0) process.exitCode = 2;
      });
    });

  program
    .command('storage:migrate')
    .description(
      'Copy every uploaded file to the other store (UPLOAD_DIR or the S3 bucket), checking each against its SHA-256; resumable',
    )
    .addOption(new Option('--to <store>', 'where the files go').choices(['s3', 'local']).makeOptionMandatory())
    .option('--dry-run', 'count what would be copied, copy nothing')
    .action(async (opts: { to: 's3' | 'local'; dryRun?: boolean }) => {
      const config = cliConfig();
      if (!config.s3) throw new CliError('storage:migrate needs the bucket: set S3_BUCKET and the other S3_* settings');
      await withDatabase(config, async (database) => {
        const r = await migrateStorage(database, config, opts.to, { dryRun: opts.dryRun });
        console.log(`${opts.dryRun ? 'Would copy' : 'Copied'} files from ${r.from} to ${r.to}`);
        console.log(`  files named by rows: ${r.total}`);
        console.log(`  ${opts.dryRun ? 'to copy' : 'copied and verified'}: ${r.copied} (${r.bytesCopied} bytes)`);
        console.log(`  already there and verified (skipped): ${r.alreadyThere}`);
        console.log(`  missing in the source: ${r.missing.length}`);
        for (const m of r.missing) console.log(`    ${m.id} (${m.storageKey})`);
        console.log(`  not matching their SHA-256 in the source (not copied): ${r.corrupt.length}`);
        for (const m of r.corrupt) console.log(`    ${m.id} (${m.storageKey})`);
        if (r.missing.length + r.corrupt.length > 0) process.exitCode = 2;
        else if (!opts.dryRun && r.copied + r.alreadyThere === r.total)
          console.log(`✓ Every file is in ${r.to}. Set STORAGE=${opts.to} and restart the server.`);
      });
    });
}
