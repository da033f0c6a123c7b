import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openPglite, openPostgres } from '../src/db/client.js';
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

/** A database for the CLI on the driver under test: a new PostgreSQL database, or a PGlite DATA_DIR below tmp. */
async function cliDatabase(name: string): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (testDriver === 'pglite') return { env: { DATA_DIR: path.join(tmp, name) }, drop: async () => {} };
  const created = await createTestDatabase();
  await created.database.close();
  return { env: { DATABASE_URL: created.url as string }, drop: created.drop };
}

/** Opens what `cliDatabase` made, between CLI runs (PGlite serves one process at a time). */
async function openCliDatabase(env: Record<string, string>): Promise<Database> {
  return env.DATABASE_URL
    ? openPostgres({ url: env.DATABASE_URL, poolSize: 1 })
    : openPglite({ dataDir: env.DATA_DIR });
}

describe(`helpdesk migrate, db:check and seed --demo (${testDriver})`, async () => {
  const { env, drop } = await cliDatabase('data');
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

    const database = await openCliDatabase(env);
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

describe(`helpdesk seed --demo on a helpdesk with data of its own (${testDriver})`, async () => {
  const { env, drop } = await cliDatabase('own-data');
  afterAll(() => drop());

  async function counts() {
    const database = await openCliDatabase(env);
    try {
      const [row] = await database.query<{ users: number; tickets: number }>(
        'SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM tickets) AS tickets',
      );
      return row;
    } finally {
      await database.close();
    }
  }

  it('refuses without --force and changes nothing; adds the demo with --force', async () => {
    const admin = await runCli(['create-admin', '--email', 'owner@example.com', '--name', 'Owner'], {
      ...env,
      HELPDESK_ADMIN_PASSWORD: 'a long enough password',
    });
    expect(admin.code).toBe(0);

    const refused = await runCli(['seed', '--demo'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'Refusing to add demo data: this helpdesk already has 1 user of its own and 0 tickets',
    );
    expect(refused.stderr).toContain('--force');
    expect(refused.stdout).not.toContain('Password');
    expect(await counts()).toEqual({ users: 1, tickets: 0 });

    const forced = await runCli(['seed', '--demo', '--force'], env);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/Demo data created: 40 tickets/);
    expect(await counts()).toEqual({ users: 1 + 1 + 8 + 12, tickets: 40 });
  });
});
