import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { Config } from '../config.js';
import { DataDirInUseError } from '../db/data-dir-lock.js';
import {
  type BackupManifest,
  type BackupResult,
  createBackup,
  missingObjects,
  readObjects,
  restoreBackup,
  verifyBackup,
} from './backup.js';
import { CliError } from './cli-error.js';
import { cliConfig, dataDirInUse, describeDatabase, withDatabase } from './context.js';
import { backupThroughServer, runningServer, type ServerStatus } from './control-channel.js';

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function totalRows(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** The files line of a manifest: packed uploads, or the objects left in the bucket. */
function filesLine(m: BackupManifest): string {
  return m.objectStore
    ? `${m.objectStore.count} file(s) in ${m.objectStore.where}, listed (not packed)`
    : `${m.files.length - 1} uploaded file(s)`;
}

/** Prints which objects the bucket lacks; exit code 2 when any (the archive itself is fine). */
function reportObjects(count: number, where: string, missing: string[] | undefined): void {
  if (missing === undefined) {
    console.log(`  objects not checked: set S3_BUCKET and the other S3_* settings to check them in ${where}`);
    return;
  }
  console.log(`  ${count - missing.length} of ${count} object(s) present in the bucket with their size and SHA-256`);
  if (missing.length === 0) return;
  console.log(`  missing or altered in the bucket: ${missing.length}`);
  for (const key of missing) console.log(`    ${key}`);
  process.exitCode = 2;
}

/**
 * Takes the backup where the database is: PostgreSQL is dumped beside the server; the embedded
 * database is backed up by the running server when one has it open, else opened here.
 */
async function takeBackup(
  config: Config,
  outDir: string,
  retention: { keepLast?: number; keepDays?: number },
): Promise<{ result: BackupResult; server?: ServerStatus }> {
  if (config.databaseUrl) return { result: await createBackup(config, undefined, outDir, retention) };
  const server = await runningServer(config.dataDir);
  if (!server) {
    return { result: await withDatabase(config, (database) => createBackup(config, database, outDir, retention)) };
  }
  const result = await backupThroughServer(config.dataDir, { outDir, ...retention });
  if (!existsSync(result.file)) {
    throw new CliError(
      `The server wrote ${result.file}, but it is not visible here: the server sees another /tmp ` +
        '(systemd PrivateTmp). Choose a folder outside /tmp, such as /var/backups/helpdesk.',
    );
  }
  return { result, server };
}

/** `backup`, `backup:verify` and `restore`. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'Write one .tar.gz with the database, the uploads (with a bucket: the list of its objects, checked) and a manifest (row counts, SHA-256 of every file)',
    )
    .option('--out <dir>', 'folder for the archive', 'backups')
    .option('--keep-last <n>', 'then delete older backups in that folder beyond the newest N', wholeNumber)
    .option('--keep-days <n>', 'then delete backups in that folder older than N days', wholeNumber)
    .action(async (opts: { out: string; keepLast?: number; keepDays?: number }) => {
      const config = cliConfig();
      const retention = { keepLast: opts.keepLast, keepDays: opts.keepDays };
      const { result, server } = await takeBackup(config, path.resolve(opts.out), retention);
      const m = result.manifest;
      console.log(`✓ Backup written: ${result.file}`);
      console.log(
        `  ${describeDatabase(config)}${server ? `, taken by the running server (process ${server.pid})` : ''}`,
      );
      console.log(`  ${Object.keys(m.rowCounts).length} tables, ${totalRows(m.rowCounts)} rows; ${filesLine(m)}`);
      if (m.objectStore) reportObjects(m.objectStore.count, m.objectStore.where, result.missingObjects);
      for (const file of result.deleted) console.log(`  deleted old backup ${file}`);
    });

  program
    .command('backup:verify')
    .description(
      'Check a backup archive: readable, complete, every file matching its SHA-256 (with a bucket: every object present)',
    )
    .argument('<file>', 'the .tar.gz written by helpdesk backup')
    .action(async (file: string) => {
      const { manifest, dir } = await verifyBackup(path.resolve(file));
      let missing: string[] | undefined;
      try {
        const config = manifest.objectStore ? cliConfig() : undefined;
        if (config?.s3) missing = await missingObjects(config, await readObjects(dir, manifest));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      console.log(`✓ ${file} is intact`);
      console.log(`  made ${manifest.createdAt} from a ${manifest.databaseKind} database`);
      console.log(
        `  ${Object.keys(manifest.rowCounts).length} tables, ${totalRows(manifest.rowCounts)} rows; ${filesLine(manifest)}`,
      );
      if (manifest.objectStore) reportObjects(manifest.objectStore.count, manifest.objectStore.where, missing);
      for (const [table, n] of Object.entries(manifest.rowCounts)) console.log(`  ${table.padEnd(24)} ${n}`);
    });

  program
    .command('restore')
    .description('Restore a backup onto an empty database and upload directory (stop the server first)')
    .argument('<file>', 'the .tar.gz written by helpdesk backup')
    .option('--force', 'replace a database / upload directory that already holds data', false)
    .action(async (file: string, opts: { force: boolean }) => {
      const config = cliConfig();
      const result = await restoreBackup(config, path.resolve(file), { force: opts.force }).catch(async (err) => {
        if (!(err instanceof DataDirInUseError)) throw err;
        throw await dataDirInUse(config, err, () => 'Stop the server, restore, then start the server again');
      });
      console.log(`✓ Restored ${file} (made ${result.manifest.createdAt})`);
      console.log(`  ${describeDatabase(config)}: ${totalRows(result.rowCounts)} rows, counts match the manifest`);
      const os = result.manifest.objectStore;
      if (os) reportObjects(os.count, os.where, result.missingObjects);
      else console.log(`  ${result.files} uploaded file(s) into ${config.uploadDir}`);
      for (const aside of result.setAside) console.log(`  the replaced data was moved to ${aside}`);
    });
}
