import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/lib/tokens.js';
import { factories, type TestUser } from './factories.js';
import { type CliTarget, createCliTarget, runCli } from './operations-helpers.js';

describe('helpdesk users:* and maintenance:* from the shell', { timeout: 120_000 }, () => {
  let target: CliTarget;
  let admin: TestUser;
  let agent: TestUser;

  beforeAll(async () => {
    target = await createCliTarget();
    await target.withDb(async (db) => {
      const f = factories(db);
      admin = await f.user({ role: 'ADMIN', email: 'boss@example.test' });
      agent = await f.user({ role: 'AGENT', email: 'Agent.Smith@example.test' });
      await f.session(agent.id);
      await db.query(
        `INSERT INTO notifications (user_id, type, title, is_read, created_at)
         VALUES ($1, 'agent_reply', 'Old', true, now() - interval '45 days')`,
        [agent.id],
      );
    });
  }, 180_000);
  afterAll(async () => {
    await target?.close();
  });

  it('users:list --admins lists only admins', async () => {
    const res = await runCli(['users:list', '--admins'], target.env);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(admin.email);
    expect(res.stdout).toContain('ADMIN');
    expect(res.stdout).not.toContain(agent.email);
    const all = await runCli(['users:list'], target.env);
    expect(all.stdout).toContain(agent.email);
  });

  it('users:deactivate deactivates and revokes every session at once', async () => {
    const res = await runCli(['users:deactivate', 'agent.smith@EXAMPLE.test'], target.env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('deactivated; 2 session(s)');
    await target.withDb(async (db) => {
      const [u] = await db.query<{ is_active: boolean }>('SELECT is_active FROM users WHERE id = $1', [agent.id]);
      expect(u?.is_active).toBe(false);
      const open = await db.query('SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [agent.id]);
      expect(open).toEqual([]);
    });
    const missing = await runCli(['users:deactivate', 'nobody@example.test'], target.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No user with email nobody@example.test');
  });

  it('users:reset-password prints a one-time link whose token is stored hashed', async () => {
    const res = await runCli(['users:reset-password', admin.email], target.env);
    expect(res.code).toBe(0);
    const token = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(res.stdout)?.[1];
    expect(token).toBeDefined();
    await target.withDb(async (db) => {
      const rows = await db.query<{ user_id: string; valid: boolean }>(
        'SELECT user_id, expires_at > now() AND used_at IS NULL AS valid FROM password_reset_tokens WHERE token_hash = $1',
        [hashToken(token as string)],
      );
      expect(rows).toEqual([{ user_id: admin.id, valid: true }]);
      const plain = await db.query('SELECT id FROM password_reset_tokens WHERE token_hash = $1', [token]);
      expect(plain).toEqual([]);
    });
  });

  it('maintenance commands print a summary and change nothing with --dry-run', async () => {
    const dry = await runCli(['maintenance:notifications', '--dry-run'], target.env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run: would delete 1 read notification(s)');
    const real = await runCli(['maintenance:notifications'], target.env);
    expect(real.stdout).toContain('✓ delete 1 read notification(s)');
    const again = await runCli(['maintenance:notifications'], target.env);
    expect(again.stdout).toContain('✓ delete 0 read notification(s)');

    const archive = await runCli(['maintenance:archive', '--dry-run'], target.env);
    expect(archive.stdout).toContain('Dry run: would archive 0 closed ticket(s)');
    const history = await runCli(['maintenance:history', '--older-than', '1y', '--dry-run'], target.env);
    expect(history.stdout).toContain('Dry run: would delete 0 ticket history row(s) older than 1y');
    const vacuum = await runCli(['maintenance:vacuum'], target.env);
    expect(vacuum.stdout).toContain('✓ VACUUM ANALYZE done');
    const badAge = await runCli(['maintenance:history', '--older-than', 'soon'], target.env);
    expect(badAge.code).toBe(1);
    expect(badAge.stderr).toContain('not an age');
    const notArchived = await runCli(['unarchive', '999999'], target.env);
    expect(notArchived.code).toBe(1);
    expect(notArchived.stderr).toContain('Ticket #999999 is not in the archive');
  });

  it('maintenance:sessions, :rate-limits and :idempotency-keys delete what can no longer be used', async () => {
    const rows = (sql: string) => target.withDb((db) => db.query(sql));
    await target.withDb(async (db) => {
      await db.query(
        `INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1, 'cli-expired', now() - interval '1 minute')`,
        [admin.id],
      );
      await db.query(
        `INSERT INTO email_change_tokens (user_id, new_email, token_hash, expires_at)
         VALUES ($1, 'old@example.test', 'cli-expired', now() - interval '1 minute'),
                ($1, 'new@example.test', 'cli-live', now() + interval '1 hour')`,
        [admin.id],
      );
      await db.query(
        `INSERT INTO rate_limits (key, count, reset_at) VALUES ('cli:ended', 1, now() - interval '1 second')`,
      );
      await db.query(
        `INSERT INTO idempotency_keys (user_id, key, request_hash, created_at)
         VALUES ($1, 'cli-old', 'x', now() - interval '25 hours'), ($1, 'cli-new', 'x', now())`,
        [admin.id],
      );
    });
    const expiredSession = "SELECT id FROM sessions WHERE token_hash = 'cli-expired'";

    const dry = await runCli(['maintenance:sessions', '--dry-run'], target.env);
    expect(dry.stdout).toMatch(
      /Dry run: would delete [1-9]\d* dead session\(s\), 0 reset link\(s\) and 1 e-mail confirmation link\(s\)/,
    );
    expect(await rows(expiredSession)).toHaveLength(1);
    expect((await runCli(['maintenance:sessions'], target.env)).stdout).toMatch(/✓ delete [1-9]\d* dead session/);
    expect(await rows(expiredSession)).toEqual([]);
    expect(await rows('SELECT token_hash FROM email_change_tokens')).toEqual([{ token_hash: 'cli-live' }]);

    const limits = await runCli(['maintenance:rate-limits'], target.env);
    expect(limits.stdout).toContain('✓ delete 1 ended rate-limit window(s)');

    const keysDry = await runCli(['maintenance:idempotency-keys', '--dry-run'], target.env);
    expect(keysDry.stdout).toContain('Dry run: would delete 1 idempotency key(s) older than 24 hour(s)');
    const keys = await runCli(['maintenance:idempotency-keys'], target.env);
    expect(keys.stdout).toContain('✓ delete 1 idempotency key(s)');
    expect(await rows('SELECT key FROM idempotency_keys')).toEqual([{ key: 'cli-new' }]);
  });
});
