import { describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

describe('first-run setup', () => {
  const t = useTestApp();

  it('is open while no active SUPER_ADMIN exists; exactly one of concurrent calls wins; 404 afterwards', async () => {
    const state = await api(t).get('/api/setup');
    expect(state.json()).toEqual({ success: true, data: { needed: true } });

    const bad = await api(t).post('/api/setup', { email: 'root@example.test', name: 'Root', password: 'short' });
    expect(bad.statusCode).toBe(400);
    const extra = await api(t).post('/api/setup', {
      email: 'root@example.test',
      name: 'Root',
      password: 'long-enough-password',
      roleId: 'x',
    });
    expect(extra.statusCode).toBe(400);

    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        api(t).post('/api/setup', {
          email: `root${i}@example.test`,
          name: `Root ${i}`,
          password: 'long-enough-password',
        }),
      ),
    );
    const winners = results.filter((r) => r.statusCode === 201);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 404)).toHaveLength(2);
    const winner = winners[0]!;
    expect(winner.json().data.user.role.name).toBe('SUPER_ADMIN');
    const cookie = String(winner.headers['set-cookie']).split(';')[0] as string;
    const me = await api(t).get('/api/auth/me', { headers: { cookie } });
    expect(me.json().data.user.permissions).toContain('roles.manage');

    expect((await api(t).get('/api/setup')).json().data.needed).toBe(false);
    expect((await api(t).get('/api/settings/public')).json().data.setupNeeded).toBe(false);
    const again = await api(t).post('/api/setup', {
      email: 'late@example.test',
      name: 'Late',
      password: 'long-enough-password',
    });
    expect(again.statusCode).toBe(404);
    // Even an invalid body gets the 404: a closed route says nothing about its input.
    expect((await api(t).post('/api/setup', {})).statusCode).toBe(404);
    const audit = await t.database.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_type = 'user'");
    expect(audit.map((a) => a.action)).toEqual(['user.created']);
  });

  it('opens again only if no SUPER_ADMIN is active (e.g. all deactivated by SQL)', async () => {
    await t.database.query(
      "UPDATE users SET is_active = false WHERE role_id = (SELECT id FROM roles WHERE name = 'SUPER_ADMIN')",
    );
    expect((await api(t).get('/api/setup')).json().data.needed).toBe(true);
    await factories(t.database).user({ role: 'SUPER_ADMIN' });
    expect((await api(t).get('/api/setup')).json().data.needed).toBe(false);
  });
});
