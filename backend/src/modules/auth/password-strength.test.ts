import { describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

/** Accepted anywhere: four uncommon words. */
const strong = 'velvet-otter-harbor-42';

describe('password strength', () => {
  const t = useTestApp();
  const f = () => factories(t.database);

  const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    api(t).post(url, payload, { headers });
  const userCount = async () => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0]?.n;

  /** A 400 that names `field` and says why the password is weak. */
  function expectWeak(res: Awaited<ReturnType<typeof post>>, field: string, why: RegExp) {
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.details).toEqual([{ path: field, message: expect.stringMatching(why) }]);
    expect(error.message).toMatch(why);
    expect(res.headers['set-cookie']).toBeUndefined();
  }

  it('first-run setup refuses a weak password and stays open', async () => {
    const weak = await post('/api/setup', { email: 'root@example.test', name: 'Root', password: 'password1234' });
    expectWeak(weak, 'body.password', /commonly used password/);
    expect((await api(t).get('/api/setup')).json().data.needed).toBe(true);
    const ok = await post('/api/setup', { email: 'root@example.test', name: 'Root', password: strong });
    expect(ok.statusCode).toBe(201);
  });

  it('sign-up refuses common, repeated and personal passwords, saying why, and creates nothing', async () => {
    const before = await userCount();
    const signUp = (email: string, name: string, password: string) =>
      post('/api/auth/register', { email, name, password });
    expectWeak(await signUp('a1@example.test', 'A', 'password1234'), 'body.password', /commonly used password/);
    expectWeak(await signUp('a2@example.test', 'A', 'aaaaaaaaaaaa'), 'body.password', /Repeated characters/);
    // The user's own name and address make a password guessable.
    expectWeak(await signUp('jane.doe@example.test', 'Jane Doe', 'jane.doe2024'), 'body.password', /personal/);
    expect(await userCount()).toBe(before);
    // The same password is fine for someone else.
    expect((await signUp('bob.smith@example.test', 'Bob Smith', 'jane.doe2024')).statusCode).toBe(201);
  });

  it('a password change refuses a weak new password and changes nothing', async () => {
    const u = await f().user({ email: 'kim.lee@example.test', name: 'Kim Lee' });
    const res = await api(t, u).patch('/api/auth/me', { currentPassword: u.password, newPassword: 'kim.lee12345' });
    expectWeak(res, 'body.newPassword', /personal/);
    // The session lives on and the old password still works.
    expect((await api(t, u).get('/api/auth/me')).statusCode).toBe(200);
    expect((await post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200);
  });

  it('a reset link refuses a weak password and stays usable', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const u = await f().user();
    const link = await post(`/api/users/${u.id}/reset-link`, {}, admin.headers);
    const token = link.json().data.token as string;
    expectWeak(await post('/api/auth/reset-password', { token, password: 'qwertyuiop123' }), 'body.password', /./);
    expect((await post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200);
    expect((await post('/api/auth/reset-password', { token, password: strong })).statusCode).toBe(200);
    expect((await post('/api/auth/login', { email: u.email, password: strong })).statusCode).toBe(200);
  });

  it('an admin cannot give a new user a weak password', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const roleId = await f().roleId('AGENT');
    const before = await userCount();
    const weak = await post(
      '/api/users',
      { email: 'new.agent@example.test', name: 'New Agent', roleId, password: 'Welcome12345' },
      admin.headers,
    );
    expectWeak(weak, 'body.password', /commonly used password/);
    expect(await userCount()).toBe(before);
    const ok = await post(
      '/api/users',
      { email: 'new.agent@example.test', name: 'New Agent', roleId, password: strong },
      admin.headers,
    );
    expect(ok.statusCode).toBe(201);
  });
});
