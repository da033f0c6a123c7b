import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { helpdeskCommand } from '../../../test/processes.js';
import { createTestDatabase, testDatabaseUrl } from '../../../test/test-database.js';
import { createAdmin } from '../../cli/user-commands.js';
import { repoDir } from '../../config.js';
import { openPglite } from '../../db/client.js';
import { verifyPassword } from '../../lib/passwords.js';

const run = promisify(execFile);

describe('helpdesk create-admin', () => {
  const t = useTestApp();

  it('creates a SUPER_ADMIN who can sign in (in process)', async () => {
    const admin = await createAdmin(t.database, {
      email: 'Ops@Example.test',
      name: 'Ops',
      password: 'operator-password-1',
    });
    expect(admin.email).toBe('ops@example.test');
    const login = await api(t).post('/api/auth/login', { email: 'ops@example.test', password: 'operator-password-1' });
    expect(login.statusCode).toBe(200);
    expect(login.json().data.user.role.name).toBe('SUPER_ADMIN');
    await expect(
      createAdmin(t.database, { email: 'ops@example.test', name: 'Again', password: 'operator-password-1' }),
    ).rejects.toThrow(/already exists/);
    await expect(createAdmin(t.database, { email: 'x@example.test', name: 'X', password: 'short' })).rejects.toThrow(
      /12 to 256/,
    );
    await expect(
      createAdmin(t.database, { email: 'y@example.test', name: 'Y', password: 'password1234' }),
    ).rejects.toThrow(/too easy|commonly used password/);
  });

  describe('as a command', { timeout: 120_000 }, () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-cli-'));
    const dataDir = path.join(tmp, 'data');
    let databaseUrl: string | undefined;
    let drop: (() => Promise<void>) | undefined;
    afterAll(async () => {
      await drop?.();
      rmSync(tmp, { recursive: true, force: true });
    });

    async function cli(args: string[], extraEnv: Record<string, string> = {}) {
      if (testDatabaseUrl && !databaseUrl) {
        const made = await createTestDatabase();
        databaseUrl = made.url;
        drop = made.drop;
      }
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        HOME: tmp,
        LOG_LEVEL: 'warn',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }),
        ...extraEnv,
      };
      try {
        const { stdout, stderr } = await run(process.execPath, [...helpdeskCommand(), ...args], {
          cwd: repoDir,
          env,
          timeout: 60_000,
        });
        return { code: 0, stdout, stderr };
      } catch (err) {
        const e = err as { code?: number; stdout?: string; stderr?: string };
        return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
      }
    }

    async function storedHash(email: string): Promise<string | undefined> {
      if (databaseUrl) {
        const { openPostgres } = await import('../../db/client.js');
        const db = openPostgres({ url: databaseUrl, poolSize: 1 });
        try {
          const rows = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [
            email,
          ]);
          return rows[0]?.password_hash;
        } finally {
          await db.close();
        }
      }
      const db = await openPglite({ dataDir });
      try {
        const rows = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [
          email,
        ]);
        return rows[0]?.password_hash;
      } finally {
        await db.close();
      }
    }

    it('takes the password from HELPDESK_ADMIN_PASSWORD and never prints it', async () => {
      const res = await cli(['create-admin', '--email', 'root@example.test', '--name', 'Root'], {
        HELPDESK_ADMIN_PASSWORD: 'env-given-password-1',
      });
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('✓ Created SUPER_ADMIN root@example.test');
      expect(res.stdout + res.stderr).not.toContain('env-given-password-1');
      const hash = await storedHash('root@example.test');
      expect(await verifyPassword(hash ?? '', 'env-given-password-1')).toBe(true);
    });

    it('generates a password and prints it once when none is given (no terminal)', async () => {
      const res = await cli(['create-admin', '--email', 'second@example.test', '--name', 'Second']);
      expect(res.code).toBe(0);
      const match = /shown only this once; store it now\): (\S+)/.exec(res.stdout);
      expect(match).not.toBeNull();
      const password = match?.[1] ?? '';
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(await verifyPassword((await storedHash('second@example.test')) ?? '', password)).toBe(true);
    });

    it('refuses a duplicate email, a short or weak password and missing options with exit code 1', async () => {
      const dup = await cli(['create-admin', '--email', 'ROOT@example.test', '--name', 'Root'], {
        HELPDESK_ADMIN_PASSWORD: 'another-password-1',
      });
      expect(dup.code).toBe(1);
      expect(dup.stderr).toContain('already exists');
      const short = await cli(['create-admin', '--email', 'x@example.test', '--name', 'X'], {
        HELPDESK_ADMIN_PASSWORD: 'short',
      });
      expect(short.code).toBe(1);
      expect(short.stderr).toContain('12 to 256');
      const weak = await cli(['create-admin', '--email', 'x@example.test', '--name', 'X'], {
        HELPDESK_ADMIN_PASSWORD: 'aaaaaaaaaaaa',
      });
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain('Repeated characters like "aaa" are easy to guess');
      const missing = await cli(['create-admin', '--email', 'x@example.test']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('--name');
    });
  });
});
