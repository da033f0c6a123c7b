/**
 * Two-factor sign-in through the browser: enrolment on the profile page (QR code and key shown,
 * a code computed from that key as an authenticator app would), signing in with a code and with
 * a recovery code, and the staff requirement, which leads staff to enrolment before anything else.
 */
import { recoveryCodesSchema, twoFactorSetupSchema } from '@helpdesk/contract';
import { Secret, TOTP } from 'otpauth';
import { test as base, expect, type Page } from './fixtures.js';
import { type Account, createAccount, createFirstAdmin, dataOf } from './support/api.js';
import { expectNoSeriousA11yViolations, fillSignIn, screenshot, signInUi, signOutUi } from './support/page.js';

/** The code an authenticator app shows for the key, `stepsAhead` 30-second steps from now. */
function appCode(key: string, stepsAhead = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(key.replace(/\s+/g, '')) });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

const test = base.extend<{ enrolledAgent: Account & { key: string; recoveryCodes: string[] } }>({
  /** An agent who turned two-factor sign-in on (through the API). */
  enrolledAgent: async ({ agent }, use) => {
    const { secret } = await dataOf(agent.api.post('/api/auth/two-factor/setup'), twoFactorSetupSchema);
    const { recoveryCodes } = await dataOf(
      agent.api.post('/api/auth/two-factor/confirm', { data: { code: appCode(secret) } }),
      recoveryCodesSchema,
    );
    await use({ ...agent, key: secret, recoveryCodes });
  },
});

/** Enrols on whatever page shows the set-up; returns the key the page showed. */
async function enrol(page: Page, shot?: string): Promise<string> {
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  const qr = page.getByRole('img', { name: /QR code/ });
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const key = ((await page.getByTestId('two-factor-secret').textContent()) ?? '').replace(/\s+/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  if (shot) await screenshot(page, shot);
  await expect(page.getByLabel('Sign out my other sessions')).toBeChecked();
  await page.getByLabel(/^Authentication code/).fill(appCode(key));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByTestId('recovery-codes')).toBeVisible();
  return key;
}

/** The password step; the page then asks for the second factor. */
async function passwordStep(page: Page, account: Account) {
  await page.goto('/sign-in');
  await fillSignIn(page, { email: account.user.email, password: account.password });
  await expect(page.getByRole('heading', { name: 'Two-factor sign-in' })).toBeVisible();
}

test('an agent turns it on from the profile: QR code and key, confirmation code, recovery codes once', async ({
  agentPage: page,
}) => {
  await page.goto('/profile');
  await expect(page.getByRole('heading', { name: 'Two-factor sign-in' })).toBeVisible();
  await enrol(page, '29-two-factor-enrol');
  const recoveryCodes = ((await page.getByTestId('recovery-codes').textContent()) ?? '').trim().split(/\s+/);
  expect(recoveryCodes).toHaveLength(10);
  for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
  await expect(page.getByRole('link', { name: 'Download' })).toHaveAttribute('download', 'helpdesk-recovery-codes.txt');
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, '30-two-factor-recovery-codes');

  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByText('10 of 10 recovery codes left')).toBeVisible();
  await expect(page.getByTestId('recovery-codes')).toHaveCount(0); // not shown again
});

test('an agent with two-factor sign-in signs in with the password and a code from the app', async ({
  openPage,
  enrolledAgent,
}) => {
  const page = await openPage();
  await passwordStep(page, enrolledAgent);
  const code = page.getByLabel(/^Authentication code/);
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, '31-two-factor-sign-in');
  // The enrolment used the current time step; a code is accepted only once, so the next one.
  await code.fill(appCode(enrolledAgent.key, 1));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL('**/queue');
});

test('a recovery code signs in once only', async ({ openPage, enrolledAgent }) => {
  const [first, second] = enrolledAgent.recoveryCodes;
  if (!first || !second) throw new Error('no recovery codes');
  const page = await openPage();
  const useRecoveryCode = async (code: string) => {
    await passwordStep(page, enrolledAgent);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel(/^Recovery code/).fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
  };
  await useRecoveryCode(first);
  await page.waitForURL('**/queue');
  await signOutUi(page);

  await useRecoveryCode(first);
  await expect(page.getByText('not valid or was used already')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await page.getByLabel(/^Recovery code/).fill(second);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL('**/queue');
});

// An instance-wide setting: on a server of its own, so no other test's staff are held back.
test('with the staff requirement on, a staff member without it is led to enrolment first', async ({
  freshServer,
  openPage,
}) => {
  const admin = await createFirstAdmin(freshServer.url);
  const agent = await createAccount(admin.api, freshServer.url, 'AGENT');
  const adminPage = await openPage(admin, { baseURL: freshServer.url });
  const agentPage = await openPage(undefined, { baseURL: freshServer.url });

  await adminPage.goto('/admin/settings');
  await adminPage.getByRole('switch', { name: 'Staff must use two-factor sign-in' }).check({ force: true });
  await adminPage.getByRole('button', { name: 'Save settings' }).click();
  await expect(adminPage.getByText('Settings saved')).toBeVisible();
  // The admin is staff too, and has not enrolled.
  await adminPage.goto('/queue');
  await adminPage.waitForURL('**/two-factor-setup?next=%2Fqueue');

  await signInUi(agentPage, { email: agent.user.email, password: agent.password });
  await agentPage.waitForURL('**/two-factor-setup**');
  await expect(agentPage.getByRole('heading', { name: 'Set up two-factor sign-in' })).toBeVisible();
  await expectNoSeriousA11yViolations(agentPage);
  await screenshot(agentPage, '32-two-factor-required');
  await enrol(agentPage);
  await agentPage.getByRole('button', { name: 'I have saved them' }).click();
  await agentPage.waitForURL('**/queue');

  await agent.api.dispose();
  await admin.api.dispose();
});
