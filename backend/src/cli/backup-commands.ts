import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { createBackup, restoreBackup, verifyBackup } from './backup.js';
import { cliConfig, describeDatabase, withDatabase } from './context.js';

export function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function totalRows(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** `backup`, `backup:verify` and `restore`. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Write one .tar.gz with the database, the uploads and a manifest (row counts, SHA-256 of every file)')
    .option('--out <dir>', 'folder for the archive', 'backups')
    .option('--keep-last <n>', 'then delete older backups in that folder beyond the newest N', wholeNumber)
    .option('--keep-days <n>', 'then delete backups in that folder older than N days', wholeNumber)
    .action(async (opts: { out: string; keepLast?: number; keepDays?: number }) => {
      const config = cliConfig();
      const outDir = path.resolve(opts.out);
      const retention = { keepLast: opts.keepLast, keepDays: opts.keepDays };
      const result = config.databaseUrl
        ? await createBackup(config, undefined, outDir, retention)
        : await withDatabase(config, (database) => createBackup(config, database, outDir, retention));
      const m = result.manifest;
      console.log(`✓ Backup written: ${result.file}`);
      console.log(`  ${describeDatabase(config)}`);
      console.log(
        `  ${Object.keys(m.rowCounts).length} tables, ${totalRows(m.rowCounts)} rows; ${m.files.length - 1} uploaded file(s)`,
      );
      for (const file of result.deleted) console.log(`  deleted old backup ${file}`);
    });

  program
    .command('backup:verify')
    .description('Check a backup archive: readable, complete, every file matching its SHA-256')
    .argument('<file>', 'the .tar.gz written by helpdesk backup')
    .action(async (file: string) => {
      const { manifest, dir } = await verifyBackup(path.resolve(file));
      await rm(dir, { recursive: true, force: true });
      console.log(`✓ ${file} is intact`);
      console.log(`  made ${manifest.createdAt} from a ${manifest.databaseKind} database`);
      console.log(
        `  ${Object.keys(manifest.rowCounts).length} tables, ${totalRows(manifest.rowCounts)} rows; ${manifest.files.length - 1} uploaded file(s)`,
      );
      for (const [table, n] of Object.entries(manifest.rowCounts)) console.log(`  ${table.padEnd(24)} ${n}`);
    });

  program
    .command('restore')
    .description('Restore a backup onto an empty database and upload directory (stop the server first)')
    .argument('<file>', 'the .tar.gz written by helpdesk backup')
    .option('--force', 'replace a database / upload directory that already holds data', false)
    .action(async (file: string, opts: { force: boolean }) => {
      const config = cliConfig();
      const result = await restoreBackup(config, path.resolve(file), { force: opts.force });
      console.log(`✓ Restored ${file} (made ${result.manifest.createdAt})`);
      console.log(`  ${describeDatabase(config)}: ${totalRows(result.rowCounts)} rows, counts match the manifest`);
      console.log(`  ${result.files} uploaded file(s) into ${config.uploadDir}`);
      for (const aside of result.setAside) console.log(`  the replaced data was moved to ${aside}`);
    });
}
