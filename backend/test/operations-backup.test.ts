import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, listFiles, sha256File } from '../src/cli/backup.js';
import type { Database } from '../src/db/client.js';
import { users } from '../src/db/schema/index.js';
import { verifyPassword } from '../src/lib/passwords.js';
import { factories, type TestUser } from './factories.js';
import { type CliTarget, createCliTarget, runCli } from './operations-helpers.js';

async function fileHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of await listFiles(dir)) out[rel] = await sha256File(path.join(dir, rel));
  return out;
}

/** "Drop everything": the schema with all data, and every uploaded file. */
async function dropEverything(target: CliTarget): Promise<void> {
  if (target.kind === 'postgres') {
    await target.withDb((db) =>
      db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS drizzle CASCADE;'),
    );
  } else {
    rmSync(target.dataDir, { recursive: true, force: true });
  }
  rmSync(target.uploadDir, { recursive: true, force: true });
}

describe('helpdesk backup / restore / backup:verify', { timeout: 180_000 }, () => {
  let target: CliTarget;
  let user: TestUser;
  let counts: Record<string, number>;
  let hashes: Record<string, string>;
  let archive: string;
  let backupsDir: string;

  beforeAll(async () => {
    target = await createCliTarget();
    backupsDir = path.join(target.tmp, 'backups');
    await target.withDb(async (db: Database) => {
      const f = factories(db);
      const dept = await f.department();
      user = await f.user({ role: 'AGENT', departments: [dept] });
      const customer = await f.user({ role: 'CUSTOMER' });
      // A tagged ticket: the tag row's copies of its ticket (migration 0032) are restored with it.
      const ticket = await f.ticket({ customer, department: dept });
      await db.query("INSERT INTO tags (name) VALUES ('backed-up')");
      await db.query("INSERT INTO ticket_tags (ticket_id, tag_id) SELECT $1, id FROM tags WHERE name = 'backed-up'", [
        ticket.id,
      ]);
      counts = await countRows(db);
    });
    mkdirSync(path.join(target.uploadDir, '2026/01'), { recursive: true });
    writeFileSync(path.join(target.uploadDir, '2026/01/aaaa-1111'), 'first attachment');
    writeFileSync(path.join(target.uploadDir, '2026/01/bbbb-2222'), Buffer.from([0, 1, 2, 255, 254]));
    hashes = await fileHashes(target.uploadDir);
  }, 180_000);
  afterAll(async () => {
    await target?.close();
  });

  it('writes one archive with a manifest of row counts and file hashes', async () => {
    const res = await runCli(['backup', '--out', backupsDir], target.env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('✓ Backup written');
    const names = readdirSync(backupsDir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^helpdesk-backup-\d{8}-\d{6}\.tar\.gz$/);
    archive = path.join(backupsDir, names[0] as string);

    const verified = await runCli(['backup:verify', archive], target.env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('is intact');
    expect(verified.stdout).toContain('2 uploaded file(s)');
    expect(verified.stdout).toMatch(/users\s+2/);
  });

  it('backup → drop everything → restore gives the same rows, files and a working sign-in', async () => {
    await dropEverything(target);
    const res = await runCli(['restore', archive], target.env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('counts match the manifest');

    expect(await fileHashes(target.uploadDir)).toEqual(hashes);
    await target.withDb(async (db) => {
      expect(await countRows(db)).toEqual(counts);
      const [row] = await db.db.select().from(users).where(eq(users.id, user.id));
      expect(row?.email).toBe(user.email);
      expect(await verifyPassword(row?.passwordHash ?? '', user.password)).toBe(true);
      expect(await verifyPassword(row?.passwordHash ?? '', 'wrong password')).toBe(false);
      // The session made before the backup is still there (a signed-in browser stays signed in).
      const sessions = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [
        user.id,
      ]);
      expect(sessions[0]?.n).toBe(1);
      // Migrations journal came back too: `helpdesk migrate` has nothing to apply.
    });
    const migrate = await runCli(['migrate'], target.env);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain('0 migration(s) applied');
  });

  it('refuses a database and upload directory that hold data, unless --force', async () => {
    const refused = await runCli(['restore', archive], target.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Refusing to restore');
    expect(refused.stderr).toContain('--force');

    // Data written after the backup is what --force replaces.
    await target.withDb((db) => factories(db).user());
    writeFileSync(path.join(target.uploadDir, 'later'), 'later');
    const forced = await runCli(['restore', archive, '--force'], target.env);
    expect(forced.code).toBe(0);
    expect(await fileHashes(target.uploadDir)).toEqual(hashes);
    await target.withDb(async (db) => expect(await countRows(db)).toEqual(counts));
  });

  it('refuses a truncated or corrupt archive with a clear message and changes nothing', async () => {
    const truncated = path.join(target.tmp, 'truncated.tar.gz');
    const full = readFileSync(archive);
    writeFileSync(truncated, full.subarray(0, Math.floor(full.length / 2)));
    const corrupt = path.join(target.tmp, 'corrupt.tar.gz');
    const bytes = Buffer.from(full);
    for (let i = 200; i < 260; i++) bytes[i] = (bytes[i] ?? 0) ^ 0xff;
    writeFileSync(corrupt, bytes);
    const notAnArchive = path.join(target.tmp, 'notes.tar.gz');
    writeFileSync(notAnArchive, 'hello');

    await dropEverything(target);
    for (const file of [truncated, corrupt, notAnArchive]) {
      const verify = await runCli(['backup:verify', file], target.env);
      expect(verify.code).toBe(1);
      expect(verify.stderr).toContain('is not a usable backup');
      const res = await runCli(['restore', file], target.env);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('is not a usable backup');
      expect(res.stderr).toContain('Nothing was changed');
    }
    expect(existsSync(target.uploadDir)).toBe(false);
    if (target.kind === 'pglite') expect(existsSync(target.dataDir)).toBe(false);
    else {
      const tables = await target.withDb((db) =>
        db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"),
      );
      expect(tables[0]?.n).toBe(0);
    }
    // The good archive still restores onto the emptied database.
    const res = await runCli(['restore', archive], target.env);
    expect(res.code).toBe(0);
  });

  it('keeps the last N backups and deletes those older than N days', async () => {
    const old = path.join(backupsDir, 'helpdesk-backup-20200101-000000.tar.gz');
    copyFileSync(archive, old);
    const longAgo = new Date('2020-01-01T00:00:00Z');
    utimesSync(old, longAgo, longAgo);
    writeFileSync(path.join(backupsDir, 'unrelated.txt'), 'kept');

    const byDays = await runCli(['backup', '--out', backupsDir, '--keep-days', '7'], target.env);
    expect(byDays.code).toBe(0);
    expect(byDays.stdout).toContain('deleted old backup');
    expect(existsSync(old)).toBe(false);
    expect(readdirSync(backupsDir).filter((n) => n.endsWith('.tar.gz'))).toHaveLength(2);

    const byCount = await runCli(['backup', '--out', backupsDir, '--keep-last', '1'], target.env);
    expect(byCount.code).toBe(0);
    const left = readdirSync(backupsDir).sort();
    expect(left.filter((n) => n.endsWith('.tar.gz'))).toHaveLength(1);
    expect(left).toContain('unrelated.txt');
  });
});
