import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres } from '../src/db/client.js';
import { runCli } from './processes.js';
import { createTestDatabase, testDriver } from './test-database.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('helpdesk CLI', () => {
  it('--help lists the commands, and each command has its own --help', async () => {
    const res = await runCli(['--help']);
    expect(res.code).toBe(0);
    for (const command of ['migrate', 'db:check', 'seed']) expect(res.stdout).toContain(command);
    const seed = await runCli(['seed', '--help']);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toContain('--demo');
  });

  it('an unknown command fails with a hint', async () => {
    const res = await runCli(['frobnicate']);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/unknown command/);
  });

  it('db:check reports an unreachable database clearly and exits 1', async () => {
    const res = await runCli(['db:check'], { DATABASE_URL: 'postgresql://postgres@127.0.0.1:9/helpdesk' });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^✗ Cannot connect to the database \(PostgreSQL at 127\.0\.0\.1:9\/helpdesk\)/);
    expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a bad setting stops the command with one line naming the variable', async () => {
    const res = await runCli(['db:check'], { BACKEND_PORT: 'not-a-port' });
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('BACKEND_PORT');
  });
});

describe(`helpdesk migrate, db:check and seed --demo (${testDriver})`, async () => {
  let env: Record<string, string>;
  let drop = async () => {};
  if (testDriver === 'postgres') {
    const created = await createTestDatabase();
    await created.database.close();
    env = { DATABASE_URL: created.url as string };
    drop = created.drop;
  } else {
    env = { DATA_DIR: path.join(tmp, 'data') };
  }
  afterAll(() => drop());

  it('migrate brings the schema up to date, db:check connects', async () => {
    const migrate = await runCli(['migrate'], env);
    expect(migrate.stderr).toBe('');
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/schema up to date/);
    const check = await runCli(['db:check'], env);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('✓ Database connection successful');
    expect(check.stdout).toMatch(/PostgreSQL \d+/);
  });

  it('seed --demo creates a living helpdesk once, with a fresh password', async () => {
    const first = await runCli(['seed', '--demo'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Demo data created: 40 tickets, \d+ messages/);
    const password = /shown once\): (\S+)/.exec(first.stdout)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(12);
    const again = await runCli(['seed', '--demo'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already present');

    const database = env.DATABASE_URL
      ? openPostgres({ url: env.DATABASE_URL, poolSize: 1 })
      : await openPglite({ dataDir: env.DATA_DIR });
    try {
      const [counts] = await database.query<{ tickets: number; internal: number; customers: number; agents: number }>(`
        SELECT (SELECT count(*)::int FROM tickets) AS tickets,
               (SELECT count(*)::int FROM ticket_messages WHERE is_internal) AS internal,
               (SELECT count(*)::int FROM users u JOIN roles r ON r.id = u.role_id WHERE r.name = 'CUSTOMER') AS customers,
               (SELECT count(*)::int FROM users u JOIN roles r ON r.id = u.role_id WHERE r.name = 'AGENT') AS agents`);
      expect(counts).toMatchObject({ tickets: 40, customers: 12, agents: 8 });
      expect(counts?.internal).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });
});
