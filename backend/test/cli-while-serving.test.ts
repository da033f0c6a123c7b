import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlSocketPath } from '../src/cli/control-channel.js';
import { factories } from './factories.js';
import { type CliTarget, createCliTarget, runCli } from './operations-helpers.js';
import { type ServerProcess, startServer } from './processes.js';
import { testDriver } from './test-database.js';

async function stop(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await server.exited;
}

/** Creates the first admin through the running server and returns its session cookie. */
async function setUpAdmin(server: ServerProcess, email: string): Promise<string> {
  const res = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: 'First Admin', password: 'correct horse battery staple' }),
  });
  expect(res.status).toBe(201);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe(`helpdesk backup while the server runs (${testDriver})`, { timeout: 240_000 }, () => {
  let target: CliTarget;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    target = await createCliTarget();
    await target.withDb((db) => factories(db).user({ role: 'AGENT' }));
    mkdirSync(path.join(target.uploadDir, '2026/01'), { recursive: true });
    writeFileSync(path.join(target.uploadDir, '2026/01/aaaa-1111'), 'an attachment');
  }, 180_000);
  afterAll(async () => {
    if (server) await stop(server);
    await target?.close();
  });

  it('writes an archive while the server takes writes, and it restores with what the server had written', async () => {
    server = await startServer(target.env);
    const running = server;
    const cookie = await setUpAdmin(running, 'first.admin@example.com');

    // Departments created through the server while the backup runs: the copy and its row
    // counts must come from one moment (restore compares them).
    let backupDone = false;
    let created = 0;
    const writer = (async () => {
      while (!backupDone) {
        const res = await fetch(`${running.url}/api/departments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ name: `Written during the backup ${created}` }),
        });
        expect(res.status).toBe(201);
        created++;
        await new Promise((resolve) => setTimeout(resolve, 20)); // a steady trickle, not a flood
      }
    })();
    const backupsDir = path.join(target.tmp, 'backups');
    const backup = await runCli(['backup', '--out', backupsDir], target.env).finally(() => {
      backupDone = true;
    });
    await writer;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('✓ Backup written');
    if (testDriver === 'pglite') {
      expect(backup.stdout).toContain(`taken by the running server (process ${running.child.pid})`);
    }
    const [name] = readdirSync(backupsDir);
    const archive = path.join(backupsDir, name as string);
    const verified = await runCli(['backup:verify', archive], target.env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('1 uploaded file(s)');

    await stop(running);
    if (target.kind === 'postgres') {
      await target.withDb((db) =>
        db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS drizzle CASCADE;'),
      );
    } else rmSync(target.dataDir, { recursive: true, force: true });
    rmSync(target.uploadDir, { recursive: true, force: true });

    const restored = await runCli(['restore', archive], target.env);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('counts match the manifest');
    await target.withDb(async (db) => {
      const [admin] = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM users WHERE email = 'first.admin@example.com'",
      );
      expect(admin?.n).toBe(1);
      const [departments] = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM departments WHERE name LIKE 'Written during the backup %'",
      );
      expect(departments?.n).toBeLessThanOrEqual(created);
    });
  });
});

describe.skipIf(testDriver !== 'pglite')('other commands while the server has the embedded database', () => {
  let target: CliTarget;
  let server: ServerProcess;

  beforeAll(async () => {
    target = await createCliTarget();
    server = await startServer(target.env);
  }, 180_000);
  afterAll(async () => {
    if (server) await stop(server);
    await target?.close();
  });

  it('db:check, seed --demo and restore stop with who has the database and what to do', async () => {
    const pid = server.child.pid;
    const check = await runCli(['db:check'], target.env);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`The running server (process ${pid}, ${server.url}) has the embedded database`);
    expect(check.stderr).toContain(`curl ${server.url}/health/ready`);
    expect(check.stderr).not.toMatch(/\n\s+at /);

    const seed = await runCli(['seed', '--demo'], target.env);
    expect(seed.code).toBe(1);
    expect(seed.stderr).toContain(`process ${pid}`);
    expect(seed.stderr).toContain('Stop the server, run seed --demo, then start the server again');

    const backupsDir = path.join(target.tmp, 'backups');
    const backup = await runCli(['backup', '--out', backupsDir], target.env);
    expect(backup.code).toBe(0);
    const [name] = readdirSync(backupsDir);
    const restore = await runCli(['restore', path.join(backupsDir, name as string), '--force'], target.env);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('Stop the server, restore, then start the server again');
    expect(restore.stderr).not.toMatch(/\n\s+at /);

    const health = await fetch(`${server.url}/health/ready`);
    expect(health.status).toBe(200);
  });

  it("the command socket is the server user's only, and answers nonsense with an error", async () => {
    const socket = controlSocketPath(target.dataDir);
    expect(statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
    expect(statSync(socket).mode & 0o777).toBe(0o600);

    const reply = await new Promise<string>((resolve, reject) => {
      let received = '';
      const client = net.connect(socket, () => client.end('{"command":"drop everything"}\n'));
      client.on('data', (d) => {
        received += d;
      });
      client.on('end', () => resolve(received));
      client.on('error', reject);
    });
    expect(JSON.parse(reply)).toMatchObject({ ok: false, error: expect.stringContaining('not a valid request') });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
