import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import * as tar from 'tar';
import type { Config } from '../config.js';
import { type Database, openPglite } from '../db/client.js';
import { lockDataDir } from '../db/data-dir-lock.js';
import { fileStoreFor } from '../modules/attachments/attachments.service.js';
import { CliError } from './cli-error.js';

/** What `helpdesk backup` writes as manifest.json at the top of the archive. */
export interface BackupManifest {
  format: 'helpdesk-backup';
  formatVersion: 1;
  createdAt: string;
  /** postgres: database.sql (pg_dump, plain SQL). pglite: database.tar (PGlite dumpDataDir). */
  databaseKind: 'postgres' | 'pglite';
  databaseFile: string;
  /** Rows per table of the public schema at the moment of the dump. */
  rowCounts: Record<string, number>;
  /** Every other file of the archive with its SHA-256: the dump and uploads/… (or objects.tsv) */
  files: { path: string; size: number; sha256: string }[];
  /**
   * With STORAGE=s3 the files stay in the bucket (backed up by the bucket's own means, see
   * OPERATIONS.md): `objects.tsv` lists every file the rows name (key, size, SHA-256), and
   * backup and backup:verify check that the bucket holds each of them.
   */
  objectStore?: { kind: 's3'; where: string; file: string; count: number };
}

/** A file the rows name, as objects.tsv lists it. */
export interface ObjectEntry {
  key: string;
  size: number;
  sha256: string;
}

const BACKUP_PREFIX = 'helpdesk-backup-';
const MANIFEST = 'manifest.json';
const UPLOADS = 'uploads';
const OBJECTS = 'objects.tsv';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Files below `dir` (relative, '/'-separated), sorted; symlinks and other specials are skipped. */
export async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((p) => p !== '.gitkeep')
    .sort();
}

/** The PGlite client behind a Database opened on the embedded driver. */
function pgliteClient(database: Database): PGlite {
  if (!database.pglite) throw new Error('not the embedded database');
  return database.pglite;
}

/** Runs one statement and returns its rows, on whichever client is at hand. */
type RunQuery = (text: string) => Promise<Record<string, unknown>[]>;

/** Rows per table of the public schema. */
async function rowCountsBy(query: RunQuery): Promise<Record<string, number>> {
  const tables = await query(
    'SELECT tablename AS name FROM pg_tables WHERE schemaname = \'public\' ORDER BY tablename COLLATE "C"',
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await query(`SELECT count(*)::int AS n FROM public."${String(name)}"`);
    counts[String(name)] = Number(row?.n ?? 0);
  }
  return counts;
}

/**
 * Every file the rows name: each table with storage_key, size_bytes and sha256 columns
 * (attachments and their archive, article images, canned responses' files), read in the dump's
 * snapshot.
 */
async function objectsBy(query: RunQuery): Promise<ObjectEntry[]> {
  const tables = await query(
    `SELECT table_name AS name FROM information_schema.columns
     WHERE table_schema = 'public' AND column_name IN ('storage_key', 'size_bytes', 'sha256')
     GROUP BY table_name HAVING count(*) = 3 ORDER BY table_name COLLATE "C"`,
  );
  const out: ObjectEntry[] = [];
  for (const { name } of tables) {
    const rows = await query(
      `SELECT storage_key AS key, size_bytes::float8 AS size, sha256 FROM public."${String(name)}" ORDER BY storage_key`,
    );
    for (const r of rows) out.push({ key: String(r.key), size: Number(r.size), sha256: String(r.sha256) });
  }
  return out;
}

/** The objects of `objects.tsv` that the bucket lacks, or holds with another size or SHA-256. */
export async function missingObjects(config: Config, objects: readonly ObjectEntry[]): Promise<string[]> {
  const store = fileStoreFor(config);
  const missing: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < objects.length) {
      const o = objects[next++] as ObjectEntry;
      const info = await store.stat(o.key);
      if (!info || info.size !== o.size || (info.sha256 !== undefined && info.sha256 !== o.sha256)) missing.push(o.key);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, objects.length) }, worker));
  return missing.sort();
}

/** objects.tsv of an unpacked backup (backup:verify, restore). */
export async function readObjects(dir: string, manifest: BackupManifest): Promise<ObjectEntry[]> {
  if (!manifest.objectStore) return [];
  const text = await readFile(path.join(dir, manifest.objectStore.file), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [key, size, sha256] = line.split('\t');
      return { key: key as string, size: Number(size), sha256: sha256 as string };
    });
}

export function countRows(database: Database): Promise<Record<string, number>> {
  return rowCountsBy((text) => database.query(text));
}

/** libpq settings for pg_dump/psql: the URL without its password, which goes into PGPASSWORD. */
function libpqTarget(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env, PGAPPNAME: 'helpdesk-backup' };
  if (password) env.PGPASSWORD = password;
  return { dbname: url.toString(), env };
}

/** Runs a PostgreSQL client program; stdin from a stream or file, stdout to a file. */
async function runPgTool(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  io: { stdout?: string; stdin?: NodeJS.ReadableStream } = {},
): Promise<void> {
  const child = spawn(cmd, args, { env, stdio: [io.stdin ? 'pipe' : 'ignore', io.stdout ? 'pipe' : 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', (err) =>
      reject(
        (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? new CliError(
              `${cmd} was not found: install the PostgreSQL client programs (apt-get install postgresql-client)`,
            )
          : err,
      ),
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
  const piping: Promise<void>[] = [];
  if (io.stdout && child.stdout) piping.push(pipeline(child.stdout, createWriteStream(io.stdout)));
  if (io.stdin && child.stdin) piping.push(pipeline(io.stdin, child.stdin).catch(() => undefined));
  const code = await done;
  await Promise.all(piping);
  if (code !== 0) throw new CliError(`${cmd} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`);
}

/** pg_dump and the row counts from one snapshot, so the manifest describes exactly the dump. */
async function dumpPostgres(config: Config, file: string): Promise<Dumped> {
  const url = config.databaseUrl as string;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snap = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const run: RunQuery = async (text) => (await client.query(text)).rows;
    const counts = await rowCountsBy(run);
    const objects = config.storage === 's3' ? await objectsBy(run) : undefined;
    const { dbname, env } = libpqTarget(url);
    await runPgTool(
      'pg_dump',
      ['--format=plain', '--no-owner', '--no-privileges', `--snapshot=${snap.rows[0]?.id}`, `--dbname=${dbname}`],
      env,
      { stdout: file },
    );
    await client.query('COMMIT');
    return { counts, objects };
  } finally {
    await client.end();
  }
}

/**
 * The embedded database's data directory and its row counts from one moment. PGlite runs one
 * transaction at a time and every statement of the process waits for it, so while this one is
 * open a running server cannot write between the counts and the copy.
 */
async function dumpPglite(config: Config, database: Database, file: string): Promise<Dumped> {
  const client = pgliteClient(database);
  const { counts, objects, dump } = await client.transaction(async (tx) => {
    const run: RunQuery = async (text) => (await tx.query<Record<string, unknown>>(text)).rows;
    const counts = await rowCountsBy(run);
    const objects = config.storage === 's3' ? await objectsBy(run) : undefined;
    return { counts, objects, dump: await client.dumpDataDir('none') };
  });
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return { counts, objects };
}

/** Row counts of a dump and, with STORAGE=s3, the objects its rows name. */
interface Dumped {
  counts: Record<string, number>;
  objects?: ObjectEntry[];
}

function timestampName(date: Date): string {
  const iso = date.toISOString(); // 2026-01-11T05:37:09.123Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
  deleted: string[];
  /** STORAGE=s3: the objects the rows name that the bucket lacks (or holds altered). */
  missingObjects?: string[];
}

/**
 * Writes `helpdesk-backup-YYYYMMDD-HHMMSS.tar.gz` into `outDir`: manifest.json, the database
 * dump and uploads/. `database` is the open embedded database (PGlite only; PostgreSQL is
 * dumped by pg_dump). The archive is verified before it gets its final name.
 */
export async function createBackup(
  config: Config,
  database: Database | undefined,
  outDir: string,
  retention: { keepLast?: number; keepDays?: number } = {},
): Promise<BackupResult> {
  await mkdir(outDir, { recursive: true });
  const staging = await mkdtemp(path.join(os.tmpdir(), 'helpdesk-backup-'));
  const now = new Date();
  let final = path.join(outDir, `${BACKUP_PREFIX}${timestampName(now)}.tar.gz`);
  for (let i = 2; existsSync(final); i++)
    final = path.join(outDir, `${BACKUP_PREFIX}${timestampName(now)}-${i}.tar.gz`);
  const partial = `${final}.partial`;
  let missing: string[] | undefined;
  try {
    let databaseFile: string;
    let dumped: Dumped;
    if (config.databaseUrl) {
      databaseFile = 'database.sql';
      dumped = await dumpPostgres(config, path.join(staging, databaseFile));
    } else {
      if (!database) throw new Error('the embedded database must be open');
      databaseFile = 'database.tar';
      dumped = await dumpPglite(config, database, path.join(staging, databaseFile));
    }
    const rowCounts = dumped.counts;
    const files: BackupManifest['files'] = [];
    const listed = [databaseFile];
    let objectStore: BackupManifest['objectStore'];
    if (dumped.objects) {
      // The files stay in the bucket: list them, and check that the bucket holds every one.
      await writeFile(
        path.join(staging, OBJECTS),
        dumped.objects.map((o) => `${o.key}\t${o.size}\t${o.sha256}\n`).join(''),
      );
      listed.push(OBJECTS);
      objectStore = { kind: 's3', where: fileStoreFor(config).where, file: OBJECTS, count: dumped.objects.length };
      missing = await missingObjects(config, dumped.objects);
    }
    for (const name of listed) {
      const abs = path.join(staging, name);
      files.push({ path: name, size: (await stat(abs)).size, sha256: await sha256File(abs) });
    }
    // With a bucket, UPLOAD_DIR holds only uploads being received.
    const uploads = objectStore ? [] : await listFiles(config.uploadDir);
    for (const rel of uploads) {
      const abs = path.join(config.uploadDir, rel);
      files.push({ path: `${UPLOADS}/${rel}`, size: (await stat(abs)).size, sha256: await sha256File(abs) });
    }
    const manifest: BackupManifest = {
      format: 'helpdesk-backup',
      formatVersion: 1,
      createdAt: now.toISOString(),
      databaseKind: config.databaseUrl ? 'postgres' : 'pglite',
      databaseFile,
      rowCounts,
      files,
      ...(objectStore ? { objectStore } : {}),
    };
    await writeFile(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    const entries = [MANIFEST, ...listed];
    if (uploads.length > 0) {
      // The uploads are packed in place through a link, not copied.
      await symlink(config.uploadDir, path.join(staging, UPLOADS), 'dir');
      entries.push(...uploads.map((rel) => `${UPLOADS}/${rel}`));
    }
    await tar.c({ gzip: true, cwd: staging, file: partial, follow: true, portable: true, noDirRecurse: true }, entries);
    await verifyBackup(partial);
    await rename(partial, final);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const deleted = await applyRetention(outDir, final, retention);
  const verified = await verifyBackup(final);
  await rm(verified.dir, { recursive: true, force: true });
  return { file: final, manifest: verified.manifest, deleted, ...(missing ? { missingObjects: missing } : {}) };
}

/** Deletes older backups in `dir` beyond the last N and/or older than N days (never `keep`). */
async function applyRetention(
  dir: string,
  keep: string,
  { keepLast, keepDays }: { keepLast?: number; keepDays?: number },
): Promise<string[]> {
  if (keepLast === undefined && keepDays === undefined) return [];
  const names = (await readdir(dir)).filter((n) => n.startsWith(BACKUP_PREFIX) && n.endsWith('.tar.gz'));
  const withTimes = await Promise.all(
    names.map(async (n) => ({ file: path.join(dir, n), mtime: (await stat(path.join(dir, n))).mtimeMs })),
  );
  // Newest first by the name's time, then by mtime. The backup just written (`keep`) always counts
  // as the newest one, even when an older backup was written within the same second.
  const others = withTimes
    .filter((entry) => entry.file !== keep)
    .sort((a, b) => b.file.localeCompare(a.file) || b.mtime - a.mtime);
  const cutoff = keepDays === undefined ? undefined : Date.now() - keepDays * 86_400_000;
  const deleted: string[] = [];
  for (const [i, entry] of others.entries()) {
    const tooMany = keepLast !== undefined && i + 1 >= keepLast;
    const tooOld = cutoff !== undefined && entry.mtime < cutoff;
    if (tooMany || tooOld) {
      await unlink(entry.file);
      deleted.push(entry.file);
    }
  }
  return deleted;
}

class CorruptBackupError extends CliError {}

/**
 * Unpacks the archive into `into` (a new temporary folder unless given) and checks it against its
 * manifest: every listed file present with its size and SHA-256, nothing unlisted.
 * Throws CorruptBackupError with the reason.
 */
export async function verifyBackup(file: string, into?: string): Promise<{ manifest: BackupManifest; dir: string }> {
  if (!existsSync(file)) throw new CliError(`Backup file not found: ${file}`);
  const dir = into ?? (await mkdtemp(path.join(os.tmpdir(), 'helpdesk-verify-')));
  const fail = async (reason: string): Promise<never> => {
    // tar may still be writing entries when it reports a broken stream (ENOTEMPTY): retry, and
    // never let a leftover temporary folder hide the real reason.
    if (!into) await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }).catch(() => {});
    throw new CorruptBackupError(`${file} is not a usable backup: ${reason}. Nothing was changed.`);
  };
  try {
    await tar.x({ file, cwd: dir, strict: true, preservePaths: false });
  } catch (err) {
    return fail(`the archive is corrupt or truncated (${(err as Error).message})`);
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    return fail('manifest.json is missing or unreadable');
  }
  if (manifest.format !== 'helpdesk-backup' || manifest.formatVersion !== 1 || !Array.isArray(manifest.files)) {
    return fail('manifest.json is not a HelpDesk Pro backup manifest');
  }
  if (!manifest.files.some((f) => f.path === manifest.databaseFile)) return fail('the database dump is not listed');
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const entry of manifest.files) {
    const abs = path.join(dir, entry.path);
    if (!existsSync(abs)) return fail(`${entry.path} is missing`);
    const size = (await stat(abs)).size;
    if (size !== entry.size) return fail(`${entry.path} has ${size} bytes, the manifest says ${entry.size}`);
    if ((await sha256File(abs)) !== entry.sha256) return fail(`${entry.path} does not match its SHA-256`);
  }
  for (const rel of await listFiles(dir)) {
    if (rel !== MANIFEST && !listed.has(rel)) return fail(`${rel} is not listed in the manifest`);
  }
  return { manifest, dir };
}

/** SQL that removes every object of the public schema and the migrations journal. */
const resetPostgresSql = `
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT viewname AS n FROM pg_views WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP VIEW IF EXISTS public.%I CASCADE', r.n);
  END LOOP;
  FOR r IN SELECT tablename AS n FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', r.n);
  END LOOP;
  FOR r IN SELECT sequence_name AS n FROM information_schema.sequences WHERE sequence_schema = 'public' LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', r.n);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure::text AS n FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace
           WHERE s.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
    EXECUTE 'DROP ROUTINE IF EXISTS ' || r.n || ' CASCADE';
  END LOOP;
  FOR r IN SELECT t.typname AS n FROM pg_type t JOIN pg_namespace s ON s.oid = t.typnamespace
           WHERE s.nspname = 'public' AND t.typtype IN ('e', 'd') LOOP
    EXECUTE format('DROP TYPE IF EXISTS public.%I CASCADE', r.n);
  END LOOP;
END $$;
DROP SCHEMA IF EXISTS drizzle CASCADE;
`;

/** Empty: no tables, or only a freshly migrated schema (reference data, no users, no tickets). */
async function databaseHoldsData(query: (text: string) => Promise<{ n: number }[]>): Promise<boolean> {
  const [tables] = await query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
  if (!tables?.n) return false;
  const [known] = await query(
    "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('users', 'tickets')",
  );
  if (known?.n !== 2) return true;
  const [rows] = await query('SELECT ((SELECT count(*) FROM users) + (SELECT count(*) FROM tickets))::int AS n');
  return (rows?.n ?? 0) > 0;
}

interface RestoreResult {
  manifest: BackupManifest;
  /** STORAGE=s3 backups: the objects its rows name that the configured bucket lacks (undefined: not checked). */
  missingObjects?: string[];
  rowCounts: Record<string, number>;
  files: number;
  /** Where the replaced data went (with --force). */
  setAside: string[];
}

/**
 * Restores an archive onto the configured database and UPLOAD_DIR. The archive is checked
 * completely before anything changes; a target that holds data is refused unless `force`.
 * On PostgreSQL the reset and the dump run in one transaction (psql --single-transaction).
 */
export async function restoreBackup(config: Config, file: string, opts: { force: boolean }): Promise<RestoreResult> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'helpdesk-restore-'));
  const unlockers: (() => void)[] = [];
  try {
    const { manifest } = await verifyBackup(file, work);
    const kind = config.databaseUrl ? 'postgres' : 'pglite';
    if (manifest.databaseKind !== kind) {
      throw new CliError(
        `${file} holds a ${manifest.databaseKind === 'postgres' ? 'PostgreSQL' : 'embedded (PGlite)'} database; ` +
          `the configured database is ${kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'the embedded one (DATA_DIR)'}. ` +
          'Restore onto the same kind of database. Nothing was changed.',
      );
    }
    // A backup of a bucket's rows carries no files: UPLOAD_DIR stays as it is.
    const uploadsNonEmpty = !manifest.objectStore && (await listFiles(config.uploadDir)).length > 0;

    if (kind === 'pglite') {
      // The embedded database serves one process: the server must be stopped.
      if (existsSync(config.dataDir)) unlockers.push(lockDataDir(config.dataDir));
    }
    const dbNonEmpty =
      kind === 'postgres'
        ? await postgresHoldsData(config.databaseUrl as string)
        : await pgliteHoldsData(config.dataDir);
    if ((dbNonEmpty || uploadsNonEmpty) && !opts.force) {
      const what = [dbNonEmpty ? 'the database' : '', uploadsNonEmpty ? `the upload directory ${config.uploadDir}` : '']
        .filter(Boolean)
        .join(' and ');
      throw new CliError(
        `Refusing to restore: ${what} already ${dbNonEmpty && uploadsNonEmpty ? 'hold' : 'holds'} data. Use --force to replace it. Nothing was changed.`,
      );
    }

    const stamp = timestampName(new Date());
    const setAside: string[] = [];
    let rowCounts: Record<string, number>;
    const dumpFile = path.join(work, manifest.databaseFile);
    if (kind === 'postgres') {
      const { dbname, env } = libpqTarget(config.databaseUrl as string);
      const sql = await readFile(dumpFile);
      const { Readable } = await import('node:stream');
      await runPgTool(
        'psql',
        ['-X', '-q', '--single-transaction', '-v', 'ON_ERROR_STOP=1', `--dbname=${dbname}`, '-f', '-'],
        { ...env, PGOPTIONS: '--client-min-messages=warning' },
        { stdin: Readable.from([Buffer.from(resetPostgresSql), sql]) },
      );
      rowCounts = await postgresRowCounts(config.databaseUrl as string);
    } else {
      const fresh = `${config.dataDir}.restoring-${stamp}`;
      await rm(fresh, { recursive: true, force: true });
      const blob = new Blob([await readFile(dumpFile)]);
      const restored = await openPglite({ dataDir: fresh, loadDataDir: blob });
      try {
        rowCounts = await countRows(restored);
      } finally {
        await restored.close();
      }
      await rm(path.join(fresh, 'helpdesk.pid'), { force: true });
      if (existsSync(config.dataDir)) {
        const aside = `${config.dataDir}.before-restore-${stamp}`;
        await rename(config.dataDir, aside);
        await rm(path.join(aside, 'helpdesk.pid'), { force: true });
        unlockers.length = 0;
        setAside.push(aside);
      }
      await rename(fresh, config.dataDir);
    }
    for (const [table, n] of Object.entries(manifest.rowCounts)) {
      if (rowCounts[table] !== n) {
        throw new CliError(`Restore check failed: ${table} has ${rowCounts[table] ?? 0} rows, the backup had ${n}`);
      }
    }

    // Uploads: staged in the archive's folder, moved into place.
    if (manifest.objectStore) {
      const missing = config.s3 ? await missingObjects(config, await readObjects(work, manifest)) : undefined;
      return { manifest, rowCounts, files: 0, setAside, missingObjects: missing };
    }
    const staged = path.join(work, UPLOADS);
    if (uploadsNonEmpty) {
      const aside = `${config.uploadDir}.before-restore-${stamp}`;
      await rename(config.uploadDir, aside);
      setAside.push(aside);
    }
    await mkdir(config.uploadDir, { recursive: true });
    const files = await listFiles(staged);
    for (const rel of files) {
      const target = path.join(config.uploadDir, rel);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(path.join(staged, rel), target).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EXDEV') throw err;
        await pipeline(createReadStream(path.join(staged, rel)), createWriteStream(target));
      });
    }
    return { manifest, rowCounts, files: files.length, setAside };
  } finally {
    for (const unlock of unlockers) unlock();
    // As in verifyBackup: tar may still be writing into `work` after a broken stream (ENOTEMPTY);
    // retry, and never let the clean-up hide the reason the restore stopped.
    await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }).catch(() => {});
  }
}

async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function postgresHoldsData(url: string): Promise<boolean> {
  return withPgClient(url, (c) => databaseHoldsData(async (t) => (await c.query<{ n: number }>(t)).rows));
}

function postgresRowCounts(url: string): Promise<Record<string, number>> {
  return withPgClient(url, (c) => rowCountsBy(async (text) => (await c.query(text)).rows));
}

async function pgliteHoldsData(dataDir: string): Promise<boolean> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const left = existsSync(dataDir) ? (await readdir(dataDir)).filter((n) => n !== 'helpdesk.pid') : [];
    return left.length > 0;
  }
  const database = await openPglite({ dataDir });
  try {
    return await databaseHoldsData((t) => database.query<{ n: number }>(t));
  } finally {
    await database.close();
  }
}
