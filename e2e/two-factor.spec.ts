/**
 * Two-factor sign-in through the browser (runs after helpdesk.spec.ts, whose setup made the
 * admin): an agent enrols on the profile page with the QR code and key shown, signs in again
 * with a code from the app and with a recovery code; then the admin requires two-factor sign-in
 * for staff and a new agent is led to enrolment before anything else.
 * Codes are computed as an authenticator app would, from the key the page shows.
 */
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { admin, password } from './support/accounts.js';
import {
  apiCall,
  baseUrl,
  launch,
  newUserContext,
  screenshot,
  seriousA11yViolations,
  signIn,
} from './support/browser.js';

const tess = { name: 'Tess Twofactor', email: 'tess@example.test', password };
const otto = { name: 'Otto Obliged', email: 'otto@example.test', password };

/** The code an authenticator app shows for the key, `stepsAhead` 30-second steps from now. */
function appCode(key: string, stepsAhead = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(key.replace(/\s+/g, '')) });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

let browser: Browser;
let adminApi: BrowserContext;
let tessCtx: BrowserContext;
let tessPage: Page;
let tessKey = '';
let recoveryCodes: string[] = [];

beforeAll(async () => {
  browser = await launch();
  adminApi = await newUserContext(browser);
  const signedIn = await apiCall(adminApi, 'POST', '/api/auth/login', { email: admin.email, password: admin.password });
  expect(signedIn.status).toBe(200);
  const roles = await apiCall<{ id: string; name: string }[]>(adminApi, 'GET', '/api/roles');
  const agentRole = roles.data.find((r) => r.name === 'AGENT');
  for (const u of [tess, otto]) {
    const created = await apiCall(adminApi, 'POST', '/api/users', { ...u, roleId: agentRole?.id });
    expect(created.status).toBe(201);
  }
  tessCtx = await newUserContext(browser);
  tessPage = await tessCtx.newPage();
});

afterAll(async () => {
  await browser?.close();
});

/** Enrols on whatever page shows the set-up; returns the key the page showed. */
async function enrol(page: Page, shot?: string): Promise<string> {
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  const qr = page.getByRole('img', { name: /QR code/ });
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const key = ((await page.getByTestId('two-factor-secret').textContent()) ?? '').replace(/\s+/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  if (shot) await screenshot(page, shot);
  expect(await page.getByLabel('Sign out my other sessions').isChecked()).toBe(true);
  await page.getByLabel(/^Authentication code/).fill(appCode(key));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect.poll(() => page.getByTestId('recovery-codes').isVisible()).toBe(true);
  return key;
}

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL('**/sign-in');
}

/** The password step; the page then asks for the second factor. */
async function passwordStep(page: Page, user: { email: string; password: string }) {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel(/^Password/).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Two-factor sign-in' }).isVisible()).toBe(true);
}

describe('two-factor sign-in', () => {
  test('an agent turns it on from the profile: QR code and key, confirmation code, recovery codes once', async () => {
    await signIn(tessPage, tess.email, tess.password);
    await tessPage.goto('/profile');
    await expect.poll(() => tessPage.getByRole('heading', { name: 'Two-factor sign-in' }).isVisible()).toBe(true);
    tessKey = await enrol(tessPage, '29-two-factor-enrol');
    recoveryCodes = ((await tessPage.getByTestId('recovery-codes').textContent()) ?? '').trim().split(/\s+/);
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    expect(await tessPage.getByRole('link', { name: 'Download' }).getAttribute('download')).toBe(
      'helpdesk-recovery-codes.txt',
    );
    expect(await seriousA11yViolations(tessPage)).toEqual([]);
    await screenshot(tessPage, '30-two-factor-recovery-codes');

    await tessPage.getByRole('button', { name: 'I have saved them' }).click();
    await expect.poll(() => tessPage.getByText('10 of 10 recovery codes left').isVisible()).toBe(true);
    expect(await tessPage.getByTestId('recovery-codes').count()).toBe(0); // not shown again
  });

  test('signs out, and in again with the password and a code from the app', async () => {
    await signOut(tessPage);
    await passwordStep(tessPage, tess);
    const code = tessPage.getByLabel(/^Authentication code/);
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    expect(await seriousA11yViolations(tessPage)).toEqual([]);
    await screenshot(tessPage, '31-two-factor-sign-in');
    // The confirmation used the current time step; a code is accepted only once, so the next one.
    await code.fill(appCode(tessKey, 1));
    await tessPage.getByRole('button', { name: 'Verify' }).click();
    await tessPage.waitForURL('**/queue');
  });

  test('signs in with a recovery code, which works once only', async () => {
    for (const attempt of ['first', 'again']) {
      await signOut(tessPage);
      await passwordStep(tessPage, tess);
      await tessPage.getByRole('button', { name: 'Use a recovery code instead' }).click();
      await tessPage.getByLabel(/^Recovery code/).fill(recoveryCodes[0] as string);
      await tessPage.getByRole('button', { name: 'Verify' }).click();
      if (attempt === 'first') {
        await tessPage.waitForURL('**/queue');
      } else {
        await expect.poll(() => tessPage.getByText('not valid or was used already').isVisible()).toBe(true);
        expect(new URL(tessPage.url()).pathname).toBe('/sign-in');
      }
    }
    await tessPage.getByLabel(/^Recovery code/).fill(recoveryCodes[1] as string);
    await tessPage.getByRole('button', { name: 'Verify' }).click();
    await tessPage.waitForURL('**/queue');
  });

  test('with the staff requirement on, a staff member without it is led to enrolment first', async () => {
    // A token of the admin's, made before: API tokens are not held back, so it can turn it off again.
    const token = await apiCall<{ secret: string; token: { id: string } }>(adminApi, 'POST', '/api/auth/tokens', {
      name: 'e2e two-factor',
    });
    const adminCtx = await newUserContext(browser);
    const adminPage = await adminCtx.newPage();
    const ottoCtx = await newUserContext(browser);
    const ottoPage = await ottoCtx.newPage();
    try {
      await signIn(adminPage, admin.email, admin.password);
      await adminPage.goto('/admin/settings');
      await adminPage.getByRole('switch', { name: 'Staff must use two-factor sign-in' }).check({ force: true });
      await adminPage.getByRole('button', { name: 'Save settings' }).click();
      await expect.poll(() => adminPage.getByText('Settings saved').isVisible()).toBe(true);
      // The admin is staff too, and has not enrolled.
      await adminPage.goto('/queue');
      await adminPage.waitForURL('**/two-factor-setup?next=%2Fqueue');

      await signIn(ottoPage, otto.email, otto.password);
      await ottoPage.waitForURL('**/two-factor-setup**');
      await expect
        .poll(() => ottoPage.getByRole('heading', { name: 'Set up two-factor sign-in' }).isVisible())
        .toBe(true);
      expect(await seriousA11yViolations(ottoPage)).toEqual([]);
      await screenshot(ottoPage, '32-two-factor-required');
      await enrol(ottoPage);
      await ottoPage.getByRole('button', { name: 'I have saved them' }).click();
      await ottoPage.waitForURL('**/queue');
    } finally {
      const off = await fetch(`${baseUrl}/api/settings`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token.data.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ requireTwoFactorForStaff: false }),
      });
      expect(off.status).toBe(200);
      await apiCall(adminApi, 'DELETE', `/api/auth/tokens/${token.data.token.id}`);
      await adminCtx.close();
      await ottoCtx.close();
    }
  });
});
