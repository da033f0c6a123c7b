import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, expectError } from '../../../test/api.js';
import { buildTestApp, type TestApp, useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { header, startSmtpPeer, textOf } from '../../../test/smtp-peer.js';
import { startMailWorkers } from '../../jobs/mail-workers.js';
import type { Workers } from '../../jobs/workers.js';
import type { Logger } from '../../lib/logger.js';

/** Issue 19: a user changes their own e-mail address, confirmed by a link mailed to the new one. */

let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(() => peer.close());

const newAddress = () => `new-${Math.random().toString(36).slice(2, 10)}@example.test`;
const tokenIn = (raw: string) => /\/confirm-email\?token=([\w%-]+)/.exec(textOf(raw))?.[1];

describe('changing your own e-mail address, with mail configured', () => {
  let t: TestApp;
  let workers: Workers;
  const f = () => factories(t.database);

  beforeAll(async () => {
    t = await buildTestApp({
      SMTP_URL: `smtp://127.0.0.1:${peer.port}`,
      MAIL_FROM: 'Support <support@example.test>',
      PUBLIC_URL: 'https://help.example.test',
    });
    const logger = t.app.log as unknown as Logger;
    workers = (await startMailWorkers(
      { config: t.config, database: t.database, logger, now: () => new Date() },
      { start: false },
    )) as Workers;
  });
  afterAll(() => t.close());

  const mailsTo = async (email: string) => {
    await workers.drain();
    return peer.received.filter((m) => m.to.includes(email));
  };
  const emailOf = async (user: TestUser) =>
    (await t.database.query<{ email: string }>('SELECT email FROM users WHERE id = $1', [user.id]))[0]?.email;
  const linkCount = async (user: TestUser) =>
    (await t.database.query('SELECT 1 FROM email_change_tokens WHERE user_id = $1', [user.id])).length;

  it('mails a link to the new address and a notice to the old; the address changes when the link is opened, once', async () => {
    const user = await f().user({ role: 'CUSTOMER', name: 'Ada Lovelace' });
    const wanted = newAddress();
    const asked = await api(t, user).post('/api/auth/me/email', {
      email: wanted.toUpperCase(),
      currentPassword: user.password,
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().data).toMatchObject({ email: wanted });
    expect(Date.parse(asked.json().data.expiresAt)).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const [link] = await mailsTo(wanted);
    expect(header(link?.raw ?? '', 'Subject')).toContain('Confirm your new');
    const token = tokenIn(link?.raw ?? '');
    expect(token).toBeDefined();
    const [notice] = await mailsTo(user.email);
    expect(textOf(notice?.raw ?? '')).toContain(wanted);
    expect(notice?.raw).not.toContain('/confirm-email');
    // Nothing changes until the link is opened.
    expect(await emailOf(user)).toBe(user.email);

    // The link works from any browser, signed in or not.
    const confirmed = await api(t).post('/api/auth/confirm-email', { token: decodeURIComponent(token as string) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().data).toEqual({ email: wanted });
    expect(await emailOf(user)).toBe(wanted);
    const me = await api(t, user).get('/api/auth/me');
    expect(me.json().data.user.email).toBe(wanted);
    const signIn = await api(t).post('/api/auth/login', { email: wanted, password: user.password });
    expect(signIn.statusCode).toBe(200);
    const [audit] = await t.database.query<{ before: unknown; after: unknown }>(
      "SELECT before, after FROM audit_log WHERE action = 'user.email_changed' AND entity_id = $1",
      [user.id],
    );
    expect(audit).toEqual({ before: { email: user.email }, after: { email: wanted } });

    const again = await api(t).post('/api/auth/confirm-email', { token: decodeURIComponent(token as string) });
    expectError(again, 400, 'INVALID_EMAIL_CHANGE_TOKEN');
  });

  it('a newer request replaces the older link; an expired link changes nothing', async () => {
    const user = await f().user({ role: 'AGENT' });
    const first = newAddress();
    const second = newAddress();
    for (const email of [first, second]) {
      const res = await api(t, user).post('/api/auth/me/email', { email, currentPassword: user.password });
      expect(res.statusCode, res.body).toBe(200);
    }
    const firstToken = decodeURIComponent(tokenIn((await mailsTo(first))[0]?.raw ?? '') ?? '');
    const secondToken = decodeURIComponent(tokenIn((await mailsTo(second))[0]?.raw ?? '') ?? '');
    expectError(await api(t).post('/api/auth/confirm-email', { token: firstToken }), 400, 'INVALID_EMAIL_CHANGE_TOKEN');
    expect(await emailOf(user)).toBe(user.email);

    await t.database.query(
      "UPDATE email_change_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1",
      [user.id],
    );
    expectError(
      await api(t).post('/api/auth/confirm-email', { token: secondToken }),
      400,
      'INVALID_EMAIL_CHANGE_TOKEN',
    );
    expect(await emailOf(user)).toBe(user.email);
  });

  it('an address another account took after the link was sent is a 409, and nothing changes', async () => {
    const user = await f().user({ role: 'CUSTOMER' });
    const wanted = newAddress();
    await api(t, user).post('/api/auth/me/email', { email: wanted, currentPassword: user.password });
    const token = decodeURIComponent(tokenIn((await mailsTo(wanted))[0]?.raw ?? '') ?? '');
    await f().user({ role: 'CUSTOMER', email: wanted });
    expectError(await api(t).post('/api/auth/confirm-email', { token }), 409, 'EMAIL_TAKEN');
    expect(await emailOf(user)).toBe(user.email);
  });

  it('refuses a wrong password, a taken or unchanged address and a malformed body, and stores and sends nothing', async () => {
    const user = await f().user({ role: 'CUSTOMER' });
    const other = await f().user({ role: 'CUSTOMER' });
    const wrong = await api(t, user).post('/api/auth/me/email', {
      email: newAddress(),
      currentPassword: 'not-it-at-all',
    });
    expect(expectError(wrong, 400, 'VALIDATION_ERROR').details).toEqual([
      expect.objectContaining({ path: 'body.currentPassword' }),
    ]);
    const same = await api(t, user).post('/api/auth/me/email', { email: user.email, currentPassword: user.password });
    expect(expectError(same, 400, 'VALIDATION_ERROR').details).toEqual([
      expect.objectContaining({ path: 'body.email' }),
    ]);
    const taken = await api(t, user).post('/api/auth/me/email', { email: other.email, currentPassword: user.password });
    expectError(taken, 409, 'EMAIL_TAKEN');
    for (const body of [
      { email: 'not an address', currentPassword: user.password },
      { email: newAddress() },
      { email: newAddress(), currentPassword: user.password, userId: other.id },
    ]) {
      expectError(await api(t, user).post('/api/auth/me/email', body), 400, 'VALIDATION_ERROR');
    }
    expectError(await api(t).post('/api/auth/confirm-email', {}), 400, 'VALIDATION_ERROR');
    expectError(
      await api(t).post('/api/auth/confirm-email', { token: 'eml_unknown' }),
      400,
      'INVALID_EMAIL_CHANGE_TOKEN',
    );
    expectError(
      await api(t).post('/api/auth/me/email', { email: newAddress(), currentPassword: 'x' }),
      401,
      'UNAUTHENTICATED',
    );
    expect(await linkCount(user)).toBe(0);
    expect(await mailsTo(user.email)).toEqual([]);
    expect(await emailOf(user)).toBe(user.email);
  });

  it('is limited per user, with the standard 429', async () => {
    const user = await f().user({ role: 'CUSTOMER' });
    for (let i = 0; i < 5; i++) {
      const res = await api(t, user).post('/api/auth/me/email', {
        email: newAddress(),
        currentPassword: user.password,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const limited = await api(t, user).post('/api/auth/me/email', {
      email: newAddress(),
      currentPassword: user.password,
    });
    expectError(limited, 429, 'RATE_LIMITED');
  });
});

describe('changing your own e-mail address, without mail', () => {
  const t = useTestApp();

  it('is a 409 MAIL_NOT_CONFIGURED that stores nothing: an admin changes addresses, as before', async () => {
    const user = await factories(t.database).user({ role: 'AGENT' });
    const res = await api(t, user).post('/api/auth/me/email', { email: newAddress(), currentPassword: user.password });
    expectError(res, 409, 'MAIL_NOT_CONFIGURED');
    expect(await t.database.query('SELECT 1 FROM email_change_tokens')).toEqual([]);
    expect(await t.database.query('SELECT 1 FROM mail_outbox')).toEqual([]);
  });
});
