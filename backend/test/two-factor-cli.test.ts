import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type TestUser } from './factories.js';
import { type CliTarget, createCliTarget, runCli } from './operations-helpers.js';

describe('helpdesk users:reset-2fa', { timeout: 120_000 }, () => {
  let target: CliTarget;
  let enrolled: TestUser;

  beforeAll(async () => {
    target = await createCliTarget();
    await target.withDb(async (db) => {
      enrolled = await factories(db).user({ role: 'AGENT', email: 'Lost.Phone@example.test' });
      await factories(db).session(enrolled.id);
      await db.query(
        "INSERT INTO user_two_factor (user_id, secret, enabled_at) VALUES ($1, 'plain.JBSWY3DPEHPK3PXP', now())",
        [enrolled.id],
      );
      await db.query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, 'a'), ($1, 'b')", [enrolled.id]);
    });
  }, 180_000);
  afterAll(async () => {
    await target?.close();
  });

  it('removes two-factor sign-in and recovery codes, revokes the sessions and writes the audit log', async () => {
    const res = await runCli(['users:reset-2fa', 'lost.phone@EXAMPLE.test'], target.env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('✓ lost.phone@EXAMPLE.test: two-factor sign-in removed; 2 session(s) revoked');
    await target.withDb(async (db) => {
      const [left] = await db.query<{ factors: number; codes: number; sessions: number }>(
        `SELECT (SELECT count(*)::int FROM user_two_factor WHERE user_id = $1) AS factors,
                (SELECT count(*)::int FROM recovery_codes WHERE user_id = $1) AS codes,
                (SELECT count(*)::int FROM sessions WHERE user_id = $1 AND revoked_at IS NULL) AS sessions`,
        [enrolled.id],
      );
      expect(left).toEqual({ factors: 0, codes: 0, sessions: 0 });
      const audit = await db.query<{ action: string; actor_id: string | null; after: unknown }>(
        'SELECT action, actor_id, after FROM audit_log WHERE entity_id = $1',
        [enrolled.id],
      );
      expect(audit).toEqual([
        {
          action: 'user.two_factor_reset',
          actor_id: null,
          after: { via: 'cli', wasEnabled: true, revokedSessions: 2 },
        },
      ]);
    });

    const again = await runCli(['users:reset-2fa', enrolled.email], target.env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('had no two-factor sign-in; 0 session(s) revoked');
    const missing = await runCli(['users:reset-2fa', 'nobody@example.test'], target.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No user with email nobody@example.test');
  });
});
