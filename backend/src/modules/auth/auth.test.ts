import { describe, expect, it } from 'vitest';
import { api, expectError } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

const origin = 'http://localhost:80';

function cookieFrom(setCookie: string | string[] | undefined): string {
  const line = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!line) throw new Error('no Set-Cookie');
  return line.split(';')[0] as string;
}

describe('auth', () => {
  const t = useTestApp();
  const f = () => factories(t.database);

  const login = (email: string, password: string, remoteAddress = '10.1.0.1') =>
    api(t).post('/api/auth/login', { email, password }, { remoteAddress });

  it('signs in with a new httpOnly SameSite=Lax session cookie each time, and out again', async () => {
    const u = await f().user({ role: 'AGENT' });
    const res = await login(u.email.toUpperCase(), u.password);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.data.user).toMatchObject({ id: u.id, email: u.email, role: { name: 'AGENT' }, isActive: true });
    expect(body.data.user.permissions).toContain('tickets.view_department');
    expect(typeof body.data.user.lastLoginAt).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/hash|\$argon2/i);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^helpdesk_session=[\w-]{20,}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    const cookie = cookieFrom(res.headers['set-cookie']);

    const again = await login(u.email, u.password);
    expect(cookieFrom(again.headers['set-cookie'])).not.toBe(cookie);

    const me = await api(t).get('/api/auth/me', { headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().data.user.id).toBe(u.id);

    const out = await api(t).post('/api/auth/logout', undefined, { headers: { cookie, origin } });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ success: true, data: { ok: true } });
    expect(String(out.headers['set-cookie'])).toMatch(/helpdesk_session=;.*Max-Age=0/);
    const after = await api(t).get('/api/auth/me', { headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('marks the cookie Secure when the request came over TLS through a trusted proxy', async () => {
    const { buildTestApp } = await import('../../../test/build-test-app.js');
    const proxied = await buildTestApp({ TRUST_PROXY: 'true' });
    try {
      const u = await factories(proxied.database).user();
      const res = await api(proxied).post(
        '/api/auth/login',
        { email: u.email, password: u.password },
        { headers: { 'x-forwarded-proto': 'https' } },
      );
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toContain('; Secure');
    } finally {
      await proxied.close();
    }
  });

  it('answers wrong password, unknown email and deactivated user the same way', async () => {
    const u = await f().user();
    const off = await f().user({ isActive: false });
    const wrong = await login(u.email, 'not-the-password-at-all');
    const unknown = await login('nobody-here@example.test', 'whatever-password-1');
    const inactive = await login(off.email, off.password);
    for (const res of [wrong, unknown, inactive]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        success: false,
        error: { code: 'INVALID_CREDENTIALS', message: 'Email or password is wrong' },
      });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('never logs the password', async () => {
    const u = await f().user();
    await login(u.email, 'secret-password-in-the-log');
    await login(u.email, u.password);
    const all = t.logs.join('\n');
    expect(all).not.toContain('secret-password-in-the-log');
    expect(all).not.toContain(u.password);
  });

  it('rejects bad input with 400 and field details', async () => {
    const res = await api(t).post('/api/auth/login', { email: 'a@b.test', password: 'x', remember: true });
    expectError(res, 400, 'VALIDATION_ERROR');
    const empty = await api(t).post('/api/auth/login', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.email', 'body.password']),
    );
  });

  describe('register', () => {
    it('creates a signed-in CUSTOMER; strict body; password rules', async () => {
      const res = await api(t).post('/api/auth/register', {
        email: ' New.Customer@Example.TEST ',
        name: 'New Customer',
        password: 'pässwörd-ünïcode-✓',
      });
      expect(res.statusCode).toBe(201);
      const user = res.json().data.user;
      expect(user).toMatchObject({ email: 'new.customer@example.test', role: { name: 'CUSTOMER' } });
      const cookie = cookieFrom(res.headers['set-cookie']);
      const me = await api(t).get('/api/auth/me', { headers: { cookie } });
      expect(me.json().data.user.id).toBe(user.id);
      const relogin = await login('new.customer@example.test', 'pässwörd-ünïcode-✓');
      expect(relogin.statusCode).toBe(200);

      const dup = await api(t).post('/api/auth/register', {
        email: 'NEW.customer@example.test',
        name: 'Dup',
        password: 'another-long-password',
      });
      expect(dup.statusCode).toBe(409);

      for (const payload of [
        { email: 'x1@example.test', name: 'X', password: 'short' },
        { email: 'x2@example.test', name: 'X', password: 'y'.repeat(257) },
        { email: 'not-an-email', name: 'X', password: 'long-enough-password' },
        { email: 'x3@example.test', name: 'X', password: 'long-enough-password', roleId: user.role.id },
        { email: 'x4@example.test', name: 'X', password: 'long-enough-password', isActive: true },
        { email: 'x5@example.test', name: 'X', password: 'long-enough-password', passwordHash: 'x' },
      ]) {
        const bad = await api(t).post('/api/auth/register', payload);
        expect(bad.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      }
      const emailCount = await t.database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM users WHERE email LIKE 'x_@example.test'",
      );
      expect(emailCount[0]?.n).toBe(0);
    });

    it('is refused with 403 when self-signup is off', async () => {
      const admin = await f().user({ role: 'ADMIN' });
      const off = await api(t, admin).patch('/api/settings', { selfSignup: false });
      expect(off.statusCode).toBe(200);
      const res = await api(t).post('/api/auth/register', {
        email: 'late@example.test',
        name: 'Late',
        password: 'long-enough-password',
      });
      expectError(res, 403, 'SIGNUP_DISABLED');
      const pub = await api(t).get('/api/settings/public');
      expect(pub.json().data.selfSignup).toBe(false);
      await api(t, admin).patch('/api/settings', { selfSignup: true });
    });
  });

  describe('sessions are revoked', () => {
    it('on password change (PATCH /api/auth/me needs the current password; this browser gets a new session)', async () => {
      const u = await f().user({ role: 'AGENT' });
      const other = await f().session(u.id);
      const noCurrent = await api(t, u).patch('/api/auth/me', { newPassword: 'brand-new-password-1' });
      expect(noCurrent.statusCode).toBe(400);
      const wrong = await api(t, u).patch('/api/auth/me', {
        currentPassword: 'wrong-password-here',
        newPassword: 'brand-new-password-1',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.details[0].path).toBe('body.currentPassword');

      const res = await api(t, u).patch('/api/auth/me', {
        currentPassword: u.password,
        newPassword: 'brand-new-password-1',
        name: 'Renamed Agent',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.user.name).toBe('Renamed Agent');
      const fresh = cookieFrom(res.headers['set-cookie']);
      for (const cookie of [u.cookie, other]) {
        const r = await api(t).get('/api/auth/me', { headers: { cookie } });
        expect(r.statusCode).toBe(401);
      }
      const mine = await api(t).get('/api/auth/me', { headers: { cookie: fresh } });
      expect(mine.statusCode).toBe(200);
      expect((await login(u.email, u.password)).statusCode).toBe(401);
      expect((await login(u.email, 'brand-new-password-1')).statusCode).toBe(200);
    });

    it("when the guide's SQL deactivates the user: the next request is 401", async () => {
      const u = await f().user({ role: 'AGENT' });
      const token = await api(t, u).post('/api/auth/tokens', { name: 'script' });
      const secret = token.json().data.secret as string;
      expect((await api(t, u).get('/api/auth/me')).statusCode).toBe(200);
      await t.database.query(`UPDATE users SET is_active = false WHERE email = '${u.email}'`);
      expect((await api(t, u).get('/api/auth/me')).statusCode).toBe(401);
      const bearer = await api(t).get('/api/auth/me', { headers: { authorization: `Bearer ${secret}` } });
      expect(bearer.statusCode).toBe(401);
      expect((await login(u.email, u.password)).statusCode).toBe(401);
    });
  });

  it('keeps a language per user: none at first, set and cleared through PATCH /api/auth/me, only known ones', async () => {
    const u = await f().user({ role: 'CUSTOMER' });
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: u.headers });
    expect((await me()).json().data.user.locale).toBeNull();
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: u.headers, payload });
    const set = await patch({ locale: 'de' });
    expect(set.statusCode).toBe(200);
    expect(set.json().data.user.locale).toBe('de');
    expect((await me()).json().data.user.locale).toBe('de');
    // Other fields leave it alone.
    expect((await patch({ name: 'Renamed' })).json().data.user.locale).toBe('de');
    for (const locale of ['fr', 'de-DE', '', 5]) {
      const bad = await patch({ locale });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_ERROR');
    }
    expect((await me()).json().data.user.locale).toBe('de');
    expect((await patch({ locale: null })).json().data.user.locale).toBeNull();
    expect((await me()).json().data.user.locale).toBeNull();
  });

  describe('own sessions', () => {
    it('lists them and signs out the others', async () => {
      const u = await f().user();
      const second = await f().session(u.id);
      const list = await api(t, u).get('/api/auth/sessions');
      expect(list.statusCode).toBe(200);
      const sessions = list.json().data as { id: string; current: boolean }[];
      expect(sessions).toHaveLength(2);
      expect(sessions.filter((s) => s.current)).toHaveLength(1);
      expect(JSON.stringify(list.json())).not.toMatch(/token/i);

      const someoneElse = await f().user();
      const foreignList = await api(t, someoneElse).get('/api/auth/sessions');
      const foreignId = foreignList.json().data[0].id;
      const notMine = await api(t, u).delete(`/api/auth/sessions/${foreignId}`);
      expect(notMine.statusCode).toBe(404);

      const res = await api(t, u).delete('/api/auth/sessions');
      expect(res.json().data.revoked).toBe(1);
      expect((await api(t).get('/api/auth/me', { headers: { cookie: second } })).statusCode).toBe(401);
      expect((await api(t, u).get('/api/auth/me')).statusCode).toBe(200);
    });
  });

  describe('API tokens', () => {
    it('are shown once, stored hashed, carry the owner permissions, record last use and can be revoked', async () => {
      const admin = await f().user({ role: 'ADMIN' });
      const res = await api(t, admin).post('/api/auth/tokens', { name: 'backup script', expiresInDays: 30 });
      expect(res.statusCode).toBe(201);
      const { token, secret } = res.json().data;
      expect(secret).toMatch(/^hdp_/);
      expect(secret.startsWith(token.tokenPrefix)).toBe(true);
      const stored = await t.database.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [
        token.id,
      ]);
      expect(stored[0]?.token_hash).not.toContain(secret);

      const auth = { authorization: `Bearer ${secret}` };
      const users = await api(t).get('/api/users', { headers: auth });
      expect(users.statusCode).toBe(200);
      // Bearer requests are not subject to the CSRF origin check.
      const write = await api(t).patch(
        '/api/settings',
        { helpdeskName: 'Scripted' },
        { headers: { ...auth, origin: 'https://evil.example' } },
      );
      expect(write.statusCode).toBe(200);

      const list = await api(t, admin).get('/api/auth/tokens');
      expect(list.json().data[0].lastUsedAt).not.toBeNull();
      expect(JSON.stringify(list.json())).not.toContain(secret);

      const other = await f().user({ role: 'ADMIN' });
      const steal = await api(t, other).delete(`/api/auth/tokens/${token.id}`);
      expect(steal.statusCode).toBe(404);
      const del = await api(t, admin).delete(`/api/auth/tokens/${token.id}`);
      expect(del.statusCode).toBe(200);
      expect((await api(t).get('/api/users', { headers: auth })).statusCode).toBe(401);
    });

    it('stop working when expired', async () => {
      const u = await f().user();
      const res = await api(t, u).post('/api/auth/tokens', { name: 'short', expiresInDays: 1 });
      const { token, secret } = res.json().data;
      await t.database.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [
        token.id,
      ]);
      const r = await api(t).get('/api/auth/me', { headers: { authorization: `Bearer ${secret}` } });
      expect(r.statusCode).toBe(401);
    });
  });

  describe('CSRF', () => {
    it('refuses cookie-authenticated state changes from a foreign origin, allows same origin', async () => {
      const u = await f().user();
      for (const headers of [
        { cookie: u.cookie, origin: 'https://evil.example' },
        { cookie: u.cookie, origin: 'null' },
        { cookie: u.cookie, referer: 'https://evil.example/page' },
      ]) {
        const res = await api(t).patch('/api/auth/me', { name: 'Hacked' }, { headers });
        expectError(res, 403, 'CSRF_REJECTED');
      }
      const me = await api(t).get('/api/auth/me', { headers: { ...u.headers, origin: 'https://evil.example' } });
      expect(me.json().data.user.name).toBe(u.name);
      const ok = await api(t, u).patch('/api/auth/me', { name: 'Fine' });
      expect(ok.statusCode).toBe(200);
      const loginCsrf = await api(t).post(
        '/api/auth/login',
        { email: u.email, password: u.password },
        { headers: { origin: 'https://evil.example' } },
      );
      expect(loginCsrf.statusCode).toBe(403);
    });
  });

  describe('password reset links', () => {
    it('set a password once, expire, and end the sessions', async () => {
      const admin = await f().user({ role: 'ADMIN' });
      const u = await f().user({ role: 'AGENT' });
      const link = await api(t, admin).post(`/api/users/${u.id}/reset-link`);
      expect(link.statusCode).toBe(201);
      const { token, url, expiresAt } = link.json().data;
      expect(url).toBe(`/reset-password?token=${token}`);
      expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());

      const weak = await api(t).post('/api/auth/reset-password', { token, password: 'short' });
      expect(weak.statusCode).toBe(400);
      const res = await api(t).post('/api/auth/reset-password', { token, password: 'reset-password-123' });
      expect(res.statusCode).toBe(200);
      expect((await api(t, u).get('/api/auth/me')).statusCode).toBe(401);
      expect((await login(u.email, 'reset-password-123')).statusCode).toBe(200);
      const reuse = await api(t).post('/api/auth/reset-password', { token, password: 'another-password-1' });
      expectError(reuse, 400, 'INVALID_RESET_TOKEN');

      const link2 = await api(t, admin).post(`/api/users/${u.id}/reset-link`);
      await t.database.query("UPDATE password_reset_tokens SET expires_at = now() - interval '1 second'");
      const expired = await api(t).post('/api/auth/reset-password', {
        token: link2.json().data.token,
        password: 'another-password-1',
      });
      expect(expired.statusCode).toBe(400);
    });
  });
});
