import { describe, expect, it } from 'vitest';
import { api, expectError } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { enrolTwoFactor, totpCode } from '../../../test/two-factor.js';
import { twoFactorLimits } from './two-factor.service.js';

const encryptionKey = 'a-test-key-that-is-long-enough-for-aes-256';

function cookieFrom(setCookie: string | string[] | undefined): string {
  const line = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!line) throw new Error('no Set-Cookie');
  return line.split(';')[0] as string;
}

describe('two-factor sign-in (TOTP)', () => {
  const t = useTestApp({ TWO_FACTOR_ENCRYPTION_KEY: encryptionKey });
  const f = () => factories(t.database);

  const login = (user: TestUser) => api(t).post('/api/auth/login', { email: user.email, password: user.password });
  const secondStep = (payload: object) => api(t).post('/api/auth/login/two-factor', payload);
  async function challenge(user: TestUser): Promise<string> {
    const res = await login(user);
    expect(res.statusCode).toBe(200);
    return res.json().data.challengeToken;
  }
  const stored = async (userId: string) =>
    (
      await t.database.query<{ secret: string; enabled: boolean }>(
        'SELECT secret, enabled_at IS NOT NULL AS enabled FROM user_two_factor WHERE user_id = $1',
        [userId],
      )
    )[0];

  it('enrols: a secret with its QR code, off until a right code confirms it', async () => {
    const u = await f().user({ role: 'AGENT' });
    expect((await api(t, u).get('/api/auth/two-factor')).json().data).toEqual({
      enabled: false,
      enabledAt: null,
      pending: false,
      recoveryCodesLeft: 0,
      required: false,
      enrolmentRequired: false,
    });

    const setup = await api(t, u).post('/api/auth/two-factor/setup', {});
    expect(setup.statusCode).toBe(201);
    const { secret, otpauthUri, qrCode } = setup.json().data;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toBe(
      `otpauth://totp/HelpDesk%20Pro:${encodeURIComponent(u.email)}?issuer=HelpDesk%20Pro&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(qrCode).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expect((await api(t, u).get('/api/auth/two-factor')).json().data).toMatchObject({ enabled: false, pending: true });
    // Sealed with TWO_FACTOR_ENCRYPTION_KEY: the database does not show the secret.
    const row = await stored(u.id);
    expect(row?.secret).toMatch(/^v1\./);
    expect(row?.secret).not.toContain(secret);

    // Not on yet: the password alone still signs in.
    expect((await login(u)).json().data.user.id).toBe(u.id);

    // A code of two and a half minutes ago: outside the one step either side that is accepted.
    const wrong = await api(t, u).post('/api/auth/two-factor/confirm', { code: totpCode(secret, -5) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'INVALID_TWO_FACTOR_CODE', details: [{ path: 'body.code' }] });
    const malformed = await api(t, u).post('/api/auth/two-factor/confirm', { code: '12ab56' });
    expectError(malformed, 400, 'VALIDATION_ERROR');
    expect((await stored(u.id))?.enabled).toBe(false);

    const right = await api(t, u).post('/api/auth/two-factor/confirm', { code: totpCode(secret) });
    expect(right.statusCode).toBe(200);
    const codes: string[] = right.json().data.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    // Only hashes are stored.
    const hashes = await t.database.query<{ code_hash: string }>(
      'SELECT code_hash FROM recovery_codes WHERE user_id = $1',
      [u.id],
    );
    expect(hashes).toHaveLength(10);
    expect(JSON.stringify(hashes)).not.toContain(codes[0]?.replaceAll('-', ''));

    const status = (await api(t, u).get('/api/auth/two-factor')).json().data;
    expect(status).toMatchObject({ enabled: true, pending: false, recoveryCodesLeft: 10 });
    expect(typeof status.enabledAt).toBe('string');
    const again = await api(t, u).post('/api/auth/two-factor/setup', {});
    expectError(again, 409, 'TWO_FACTOR_ALREADY_ENABLED');

    const audit = await t.database.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'user.two_factor%'",
      [u.id],
    );
    expect(audit).toEqual([{ action: 'user.two_factor_enabled' }]);
  });

  it('signs out the other sessions on confirmation unless the user keeps them', async () => {
    const signsOut = await f().user();
    const older = await f().session(signsOut.id);
    const answer = await api(t, signsOut).post('/api/auth/two-factor/setup', {});
    const confirmed = await api(t, signsOut).post('/api/auth/two-factor/confirm', {
      code: totpCode(answer.json().data.secret),
    });
    expect(confirmed.json().data.signedOutSessions).toBe(1);
    expect((await api(t).get('/api/auth/me', { headers: { cookie: older } })).statusCode).toBe(401);
    expect((await api(t, signsOut).get('/api/auth/me')).statusCode).toBe(200);

    const keeps = await f().user();
    const kept = await f().session(keeps.id);
    await enrolTwoFactor(t, keeps, { signOutOtherSessions: false });
    expect((await api(t).get('/api/auth/me', { headers: { cookie: kept } })).statusCode).toBe(200);
  });

  it('sign-in with two-factor on: the password answers a challenge, the code starts the session', async () => {
    const u = await f().user({ role: 'AGENT' });
    const { secret } = await enrolTwoFactor(t, u);

    const first = await login(u);
    expect(first.statusCode).toBe(200);
    expect(first.headers['set-cookie']).toBeUndefined();
    const data = first.json().data;
    expect(data).toEqual({
      twoFactorRequired: true,
      challengeToken: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(new Date(data.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const tokenRows = await t.database.query('SELECT id FROM two_factor_challenges WHERE token_hash = $1', [
      data.challengeToken,
    ]);
    expect(tokenRows).toEqual([]); // stored hashed

    const wrong = await secondStep({ challengeToken: data.challengeToken, code: totpCode(secret, -5) });
    expectError(wrong, 401, 'INVALID_TWO_FACTOR_CODE');
    expect(wrong.headers['set-cookie']).toBeUndefined();

    // The confirmation used the current step; the next one (as a slow clock shows it) is accepted.
    const code = totpCode(secret, 1);
    const ok = await secondStep({ challengeToken: data.challengeToken, code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.user.id).toBe(u.id);
    const me = await api(t).get('/api/auth/me', { headers: { cookie: cookieFrom(ok.headers['set-cookie']) } });
    expect(me.json().data.user.id).toBe(u.id);

    // The challenge is single use, and a code is never accepted twice.
    const reused = await secondStep({ challengeToken: data.challengeToken, code: totpCode(secret, 1) });
    expectError(reused, 401, 'TWO_FACTOR_CHALLENGE_INVALID');
    const replay = await secondStep({ challengeToken: await challenge(u), code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error).toMatchObject({
      code: 'INVALID_TWO_FACTOR_CODE',
      message: 'This code was used already; wait for the next one',
    });
    // An earlier step than the last accepted one is refused too.
    expect((await secondStep({ challengeToken: await challenge(u), code: totpCode(secret) })).statusCode).toBe(401);

    const forged = await secondStep({ challengeToken: 'tfa_forged', code: totpCode(secret, 1) });
    expectError(forged, 401, 'TWO_FACTOR_CHALLENGE_INVALID');
    const token = await challenge(u);
    for (const payload of [
      { challengeToken: token },
      { challengeToken: token, code: '123456', recoveryCode: 'AAAA-BBBB-CCCC-DDDD' },
    ]) {
      const res = await secondStep(payload);
      expectError(res, 400, 'VALIDATION_ERROR');
    }
  });

  it('accepts a code once even when two sign-ins race with it', async () => {
    const u = await f().user();
    const { secret } = await enrolTwoFactor(t, u);
    const tokens = [await challenge(u), await challenge(u)];
    const code = totpCode(secret, 1);
    const results = await Promise.all(tokens.map((challengeToken) => secondStep({ challengeToken, code })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('a recovery code signs in once, whatever its case and dashes', async () => {
    const u = await f().user();
    const { recoveryCodes } = await enrolTwoFactor(t, u);
    const code = recoveryCodes[3] as string;
    const ok = await secondStep({
      challengeToken: await challenge(u),
      recoveryCode: code.replaceAll('-', '').toLowerCase(),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.user.id).toBe(u.id);
    const again = await secondStep({ challengeToken: await challenge(u), recoveryCode: code });
    expect(again.statusCode).toBe(401);
    expect(again.json().error).toMatchObject({
      code: 'INVALID_TWO_FACTOR_CODE',
      details: [{ path: 'body.recoveryCode' }],
    });
    expect((await api(t, u).get('/api/auth/two-factor')).json().data.recoveryCodesLeft).toBe(9);
    // Someone else's recovery code does not open this account.
    const other = await f().user();
    const theirs = await enrolTwoFactor(t, other);
    const foreign = await secondStep({ challengeToken: await challenge(u), recoveryCode: theirs.recoveryCodes[0] });
    expect(foreign.statusCode).toBe(401);
  });

  it('limits code attempts per challenge, then per account, with Retry-After', async () => {
    const u = await f().user();
    const { secret } = await enrolTwoFactor(t, u);
    const token = await challenge(u);
    for (let i = 0; i < twoFactorLimits.perChallenge.limit; i++) {
      expect((await secondStep({ challengeToken: token, code: totpCode(secret, -10 - i) })).statusCode).toBe(401);
    }
    const limited = await secondStep({ challengeToken: token, code: totpCode(secret, 1) });
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // Fresh challenges do not reset the account's budget.
    let attempts = twoFactorLimits.perChallenge.limit + 1;
    while (attempts < twoFactorLimits.perAccount.limit) {
      const res = await secondStep({ challengeToken: await challenge(u), code: totpCode(secret, -20 - attempts) });
      expect(res.statusCode).toBe(401);
      attempts++;
    }
    const blocked = await secondStep({ challengeToken: await challenge(u), code: totpCode(secret, 1) });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const sessions = await t.database.query('SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [
      u.id,
    ]);
    expect(sessions).toHaveLength(1); // the factory's only

    // The signed-in checks share that budget.
    const regen = await api(t, u).post('/api/auth/two-factor/recovery-codes', { code: totpCode(secret, 1) });
    expect(regen.statusCode).toBe(429);
  });

  it('turning it off needs the password and a code (or a recovery code)', async () => {
    const u = await f().user();
    const { secret, recoveryCodes } = await enrolTwoFactor(t, u);
    const disable = (payload: object) => api(t, u).post('/api/auth/two-factor/disable', payload);

    const noCode = await disable({ password: u.password });
    expectError(noCode, 400, 'VALIDATION_ERROR');
    const wrongPassword = await disable({ password: 'not-the-password', code: totpCode(secret, 1) });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().error.details).toEqual([{ path: 'body.password', message: 'Wrong password' }]);
    const wrongCode = await disable({ password: u.password, recoveryCode: 'AAAA-BBBB-CCCC-DDDD' });
    expectError(wrongCode, 400, 'INVALID_TWO_FACTOR_CODE');
    expect((await stored(u.id))?.enabled).toBe(true);

    const off = await disable({ password: u.password, recoveryCode: recoveryCodes[0] });
    expect(off.statusCode).toBe(200);
    expect(await stored(u.id)).toBeUndefined();
    expect(await t.database.query('SELECT id FROM recovery_codes WHERE user_id = $1', [u.id])).toEqual([]);
    expect((await login(u)).json().data.user.id).toBe(u.id);
    const twice = await disable({ password: u.password, code: totpCode(secret, 1) });
    expectError(twice, 409, 'TWO_FACTOR_NOT_ENABLED');

    // With a code from the app.
    const v = await f().user();
    const enrolled = await enrolTwoFactor(t, v);
    expect(
      (
        await api(t, v).post('/api/auth/two-factor/disable', {
          password: v.password,
          code: totpCode(enrolled.secret, 1),
        })
      ).statusCode,
    ).toBe(200);
  });

  it('new recovery codes need a code and replace the old ones', async () => {
    const u = await f().user();
    const { secret, recoveryCodes } = await enrolTwoFactor(t, u);
    const wrong = await api(t, u).post('/api/auth/two-factor/recovery-codes', { code: totpCode(secret, -3) });
    expect(wrong.statusCode).toBe(400);
    const res = await api(t, u).post('/api/auth/two-factor/recovery-codes', { code: totpCode(secret, 1) });
    expect(res.statusCode).toBe(200);
    const fresh: string[] = res.json().data.recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);
    const old = await secondStep({ challengeToken: await challenge(u), recoveryCode: recoveryCodes[0] });
    expect(old.statusCode).toBe(401);
    const ok = await secondStep({ challengeToken: await challenge(u), recoveryCode: fresh[0] });
    expect(ok.statusCode).toBe(200);

    const never = await f().user();
    const refused = await api(t, never).post('/api/auth/two-factor/recovery-codes', { code: '123456' });
    expect(refused.statusCode).toBe(409);
  });

  it('confirming needs a started enrolment; anonymous callers get 401', async () => {
    const u = await f().user();
    const res = await api(t, u).post('/api/auth/two-factor/confirm', { code: '123456' });
    expectError(res, 409, 'TWO_FACTOR_NOT_STARTED');
    for (const url of ['/api/auth/two-factor/setup', '/api/auth/two-factor/confirm', '/api/auth/two-factor/disable']) {
      expect((await api(t).post(url, {})).statusCode).toBe(401);
    }
  });

  it('a deactivated user cannot finish the second step', async () => {
    const u = await f().user();
    const { secret } = await enrolTwoFactor(t, u);
    const token = await challenge(u);
    await t.database.query('UPDATE users SET is_active = false WHERE id = $1', [u.id]);
    const res = await secondStep({ challengeToken: token, code: totpCode(secret, 1) });
    expect(res.statusCode).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
