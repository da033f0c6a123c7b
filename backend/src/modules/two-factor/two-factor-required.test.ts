import { describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';
import { enrolTwoFactor } from '../../../test/two-factor.js';

// Its own file: the setting applies to the whole database.
describe('setting requireTwoFactorForStaff', () => {
  const t = useTestApp();
  const f = () => factories(t.database);
  const setRequirement = (headers: Record<string, string>, on: boolean) =>
    api(t).patch('/api/settings', { requireTwoFactorForStaff: on }, { headers });

  it('holds staff sessions back until they enrol; customers and API tokens go on', async () => {
    await t.database.query(`INSERT INTO roles (name, permissions) VALUES
      ('Portal user', '["tickets.create", "tickets.view_own", "tickets.reply"]'),
      ('Note reader', '["tickets.view_own", "tickets.internal_note"]')`);
    const admin = await f().user({ role: 'SUPER_ADMIN' });
    const agent = await f().user({ role: 'AGENT' });
    const customer = await f().user();
    const portalUser = await f().user({ role: 'Portal user' });
    const noteReader = await f().user({ role: 'Note reader' });
    const token = await api(t, admin).post('/api/auth/tokens', { name: 'script' });
    const bearer = { authorization: `Bearer ${token.json().data.secret}` };
    expect((await api(t, agent).get('/api/tickets')).statusCode).toBe(200);

    expect((await setRequirement(admin.headers, true)).json().data.requireTwoFactorForStaff).toBe(true);

    // Staff by permissions, whatever the role is called.
    for (const staff of [agent, admin, noteReader]) {
      const refused = await api(t, staff).get('/api/tickets');
      expect(refused.statusCode, staff.roleName).toBe(403);
      expect(refused.json().error.code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
      expect((await api(t, staff).get('/api/auth/me')).statusCode).toBe(200);
      expect((await api(t, staff).get('/api/auth/two-factor')).json().data).toMatchObject({
        required: true,
        enrolmentRequired: true,
      });
    }
    for (const notStaff of [customer, portalUser]) {
      expect((await api(t, notStaff).get('/api/tickets')).statusCode, notStaff.roleName).toBe(200);
      expect((await api(t, notStaff).get('/api/auth/two-factor')).json().data.required).toBe(false);
    }
    // API tokens are not held back.
    const byToken = await api(t).get('/api/settings', { headers: bearer });
    expect(byToken.statusCode).toBe(200);

    // A fresh password sign-in gets a session that is held back the same way.
    const signIn = await api(t).post('/api/auth/login', { email: agent.email, password: agent.password });
    expect(signIn.statusCode).toBe(200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] as string;
    const fresh = { cookie, origin: 'http://localhost:80' };
    expect((await api(t).get('/api/tickets', { headers: fresh })).statusCode).toBe(403);

    // Enrolling from that session frees it at once.
    await enrolTwoFactor(t, { ...agent, cookie, headers: fresh });
    // Without TWO_FACTOR_ENCRYPTION_KEY the secret is stored as it is, marked so.
    const [stored] = await t.database.query<{ secret: string }>(
      'SELECT secret FROM user_two_factor WHERE user_id = $1',
      [agent.id],
    );
    expect(stored?.secret).toMatch(/^plain\.[A-Z2-7]{32}$/);
    expect((await api(t).get('/api/tickets', { headers: fresh })).statusCode).toBe(200);
    const status = await api(t).get('/api/auth/two-factor', { headers: fresh });
    expect(status.json().data).toMatchObject({ required: true, enrolmentRequired: false });

    // Turned off (here by the admin's token), the others go on.
    expect((await setRequirement(bearer, false)).statusCode).toBe(200);
    expect((await api(t, noteReader).get('/api/tickets')).statusCode).toBe(200);
    expect((await api(t, admin).get('/api/settings')).statusCode).toBe(200);
  });
});
