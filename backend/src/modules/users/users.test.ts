import { describe, expect, it } from 'vitest';
import { api, expectError } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

describe('users', () => {
  const t = useTestApp();
  const f = () => factories(t.database);
  const me = (headers: Record<string, string>) => api(t).get('/api/auth/me', { headers });

  it('creates users with departments; the password is optional and never returned', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const dept = await f().department();
    const res = await api(t, admin).post('/api/users', {
      email: 'New.Agent@Example.test',
      name: 'New Agent',
      roleId: await f().roleId('AGENT'),
      departmentIds: [dept.id],
      password: 'initial-password-1',
    });
    expect(res.statusCode).toBe(201);
    const user = res.json().data;
    expect(user).toMatchObject({
      email: 'new.agent@example.test',
      role: { name: 'AGENT' },
      departmentIds: [dept.id],
      isActive: true,
      lastLoginAt: null,
    });
    expect(Object.keys(user).sort()).toEqual(
      [
        'createdAt',
        'departmentIds',
        'email',
        'id',
        'isActive',
        'lastLoginAt',
        'locale',
        'notifyNewUnassigned',
        'name',
        'permissions',
        'role',
      ].sort(),
    );
    const login = await api(t).post('/api/auth/login', {
      email: 'new.agent@example.test',
      password: 'initial-password-1',
    });
    expect(login.statusCode).toBe(200);

    const dup = await api(t, admin).post('/api/users', {
      email: 'NEW.AGENT@example.test',
      name: 'Dup',
      roleId: await f().roleId('AGENT'),
    });
    expectError(dup, 409, 'EMAIL_TAKEN');

    const noPassword = await api(t, admin).post('/api/users', {
      email: 'invited@example.test',
      name: 'Invited',
      roleId: await f().roleId('CUSTOMER'),
    });
    expect(noPassword.statusCode).toBe(201);
    // No password yet: nothing signs in until a reset link sets one.
    const cannot = await api(t).post('/api/auth/login', { email: 'invited@example.test', password: '' });
    expect(cannot.statusCode).toBe(400);
  });

  it('rejects unknown fields, roles and departments with 400 and changes nothing (mass assignment)', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const target = await f().user({ role: 'CUSTOMER' });
    const agentRole = await f().roleId('AGENT');
    const cases: [string, string, unknown][] = [
      ['PATCH', `/api/users/${target.id}`, { passwordHash: 'x' }],
      ['PATCH', `/api/users/${target.id}`, { name: 'X', lastLoginAt: '2020-01-01T00:00:00Z' }],
      ['PATCH', `/api/users/${target.id}`, { roleId: '00000000-0000-4000-8000-000000000000' }],
      ['PATCH', `/api/users/${target.id}`, { departmentIds: ['00000000-0000-4000-8000-000000000000'] }],
      ['PATCH', `/api/users/${target.id}`, { email: 'not-an-email' }],
      ['PATCH', `/api/users/${target.id}`, { isActive: 'no' }],
      ['POST', '/api/users', { email: 'm@example.test', name: 'M', roleId: agentRole, isActive: false }],
      ['POST', '/api/users', { email: 'm@example.test', name: 'M', roleId: agentRole, id: target.id }],
      ['POST', '/api/users', { email: 'm@example.test', name: 'M', roleId: agentRole, password: 'short' }],
      ['PATCH', '/api/auth/me', { roleId: agentRole }],
      ['PATCH', '/api/auth/me', { isActive: false }],
      ['PATCH', '/api/auth/me', { email: 'other@example.test' }],
    ];
    for (const [method, url, payload] of cases) {
      const res = await api(t, url === '/api/auth/me' ? target : admin).request(method, url, payload);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(res.json().error.details?.length ?? 0).toBeGreaterThan(0);
    }
    const after = await api(t, admin).get(`/api/users/${target.id}`);
    expect(after.json().data).toMatchObject({ name: target.name, role: { name: 'CUSTOMER' }, isActive: true });
    const none = await t.database.query("SELECT 1 FROM users WHERE email = 'm@example.test'");
    expect(none).toHaveLength(0);
  });

  it('lists with filters and keyset pages', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const dept = await f().department();
    const tag = `zeta${Date.now().toString(36)}`;
    for (let i = 0; i < 5; i++) {
      await f().user({ role: 'AGENT', name: `${tag} Agent ${i}`, departments: i < 3 ? [dept] : [] });
    }
    await f().user({ role: 'CUSTOMER', name: `${tag} Customer`, isActive: false });

    const get = (qs: string) => api(t, admin).get(`/api/users?${qs}`);
    const byName = await get(`q=${tag}`);
    expect(byName.json().data).toHaveLength(6);
    expect((await get(`q=${tag}&role=AGENT`)).json().data).toHaveLength(5);
    expect((await get(`q=${tag}&active=false`)).json().data.map((u: { name: string }) => u.name)).toEqual([
      `${tag} Customer`,
    ]);
    expect((await get(`departmentId=${dept.id}`)).json().data).toHaveLength(3);
    expect((await get(`q=${tag}&role=${await f().roleId('CUSTOMER')}`)).json().data).toHaveLength(1);
    expect((await get(`q=%25`)).json().data).toHaveLength(0);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().data.map((u: { name: string }) => u.name));
      cursor = res.json().meta.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(6);

    expect((await get('limit=101')).statusCode).toBe(400);
    expect((await get('cursor=garbage')).statusCode).toBe(400);
    expect((await get('active=maybe')).statusCode).toBe(400);
    expect((await get('bogus=1')).statusCode).toBe(400);
  });

  it('deactivation and role change sign the user out everywhere; reactivation lets them sign in again', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const agent = await f().user({ role: 'AGENT' });
    const token = await api(t, agent).post('/api/auth/tokens', { name: 'x' });
    const bearer = { authorization: `Bearer ${token.json().data.secret}` };
    const off = await api(t, admin).post(`/api/users/${agent.id}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json().data.isActive).toBe(false);
    expect((await me(agent.headers)).statusCode).toBe(401);
    expect((await me(bearer)).statusCode).toBe(401);
    const login = () => api(t).post('/api/auth/login', { email: agent.email, password: agent.password });
    expect((await login()).statusCode).toBe(401);
    const on = await api(t, admin).post(`/api/users/${agent.id}/reactivate`);
    expect(on.json().data.isActive).toBe(true);
    expect((await me(agent.headers)).statusCode).toBe(401);
    expect((await login()).statusCode).toBe(200);

    const session = await f().session(agent.id);
    const role = await api(t, admin).patch(`/api/users/${agent.id}`, { roleId: await f().roleId('CUSTOMER') });
    expect(role.statusCode).toBe(200);
    expect(role.json().data.role.name).toBe('CUSTOMER');
    expect((await me({ cookie: session })).statusCode).toBe(401);

    const rename = await api(t, admin).patch(`/api/users/${agent.id}`, { name: 'Only Renamed' });
    expect(rename.statusCode).toBe(200);
  });

  describe('SUPER_ADMIN rules', () => {
    it('an ADMIN cannot create, edit, promote to, demote, deactivate or reset a SUPER_ADMIN', async () => {
      const admin = await f().user({ role: 'ADMIN' });
      const superAdmin = await f().user({ role: 'SUPER_ADMIN' });
      const agent = await f().user({ role: 'AGENT' });
      const saRole = await f().roleId('SUPER_ADMIN');
      const attempts: [string, string, unknown?][] = [
        ['POST', '/api/users', { email: 'sa2@example.test', name: 'SA', roleId: saRole }],
        ['PATCH', `/api/users/${superAdmin.id}`, { name: 'Renamed' }],
        ['PATCH', `/api/users/${superAdmin.id}`, { roleId: await f().roleId('AGENT') }],
        ['PATCH', `/api/users/${agent.id}`, { roleId: saRole }],
        ['POST', `/api/users/${superAdmin.id}/deactivate`],
        ['POST', `/api/users/${superAdmin.id}/reset-link`],
      ];
      for (const [method, url, payload] of attempts) {
        const res = await api(t, admin).request(method, url, payload);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
      }
      const still = await api(t, admin).get(`/api/users/${superAdmin.id}`);
      expect(still.json().data).toMatchObject({ name: superAdmin.name, isActive: true, role: { name: 'SUPER_ADMIN' } });
      expect((await me(superAdmin.headers)).statusCode).toBe(200);
    });

    it('the last active SUPER_ADMIN cannot be demoted or deactivated, even concurrently', async () => {
      // This file's database: make exactly two active super admins.
      await t.database.query(
        "UPDATE users SET is_active = false WHERE role_id = (SELECT id FROM roles WHERE name = 'SUPER_ADMIN')",
      );
      const a = await f().user({ role: 'SUPER_ADMIN' });
      const b = await f().user({ role: 'SUPER_ADMIN' });
      const agentRole = await f().roleId('AGENT');
      // Each tries to demote the other at the same time: exactly one may succeed.
      const [ra, rb] = await Promise.all([
        api(t, a).patch(`/api/users/${b.id}`, { roleId: agentRole }),
        api(t, b).patch(`/api/users/${a.id}`, { roleId: agentRole }),
      ]);
      // The loser is refused: 422 when it lost the lock, or 401/403 when its own demotion (which
      // revokes its sessions) committed before its request was authenticated.
      expect([ra.statusCode, rb.statusCode].filter((s) => s === 200)).toHaveLength(1);
      const loser = ra.statusCode === 200 ? rb : ra;
      expect([401, 403, 422]).toContain(loser.statusCode);
      if (loser.statusCode === 422) expect(loser.json().error.code).toBe('LAST_SUPER_ADMIN');
      const remaining = await t.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM users u JOIN roles r ON r.id = u.role_id
         WHERE r.name = 'SUPER_ADMIN' AND u.is_active`,
      );
      expect(remaining[0]?.n).toBe(1);

      const last = ra.statusCode === 200 ? a : b;
      const self = await api(t, last).post(`/api/users/${last.id}/deactivate`);
      expect(self.statusCode).toBe(422);
      expect((await me(last.headers)).statusCode).toBe(200);
    });
  });

  it('agents may read users, customers only themselves', async () => {
    const agent = await f().user({ role: 'AGENT' });
    const customer = await f().user();
    const other = await f().user();
    expect((await api(t, agent).get(`/api/users/${other.id}`)).statusCode).toBe(200);
    expect((await api(t, customer).get(`/api/users/${other.id}`)).statusCode).toBe(404);
    expect((await api(t, customer).get(`/api/users/${customer.id}`)).statusCode).toBe(200);
    expect((await api(t, customer).get('/api/users')).statusCode).toBe(403);
    expect((await api(t, agent).get('/api/users/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await api(t, agent).get('/api/users/not-a-uuid')).statusCode).toBe(400);
  });
});
