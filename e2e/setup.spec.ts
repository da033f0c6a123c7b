/**
 * The first-run setup page. Only a fresh install shows it, so this test has a server of its own
 * (`freshServer`); the shared server's admin is made through the API by global-setup.ts.
 */
import { userEnvelopeSchema } from '@helpdesk/contract';
import { expect, test } from './fixtures.js';
import { dataOf, firstAdmin } from './support/api.js';
import { expectNoSeriousA11yViolations, screenshot } from './support/page.js';

test('a fresh install sends the visitor to the setup page, which creates the first super admin', async ({
  freshServer,
  page,
}) => {
  await page.goto(`${freshServer.url}/`);
  await page.waitForURL('**/setup');
  await expect(page.getByRole('heading', { name: 'Set up your helpdesk' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, '01-setup');

  // A too-short password is refused next to the field.
  await page.getByLabel('Your name').fill(firstAdmin.name);
  await page.getByLabel('Email').fill(firstAdmin.email);
  await page.getByLabel(/^Password/).fill('short');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.locator('[id$="-error"]').first()).toBeVisible();
  // So is a common one, saying why.
  await page.getByLabel(/^Password/).fill('password1234');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.locator('[id$="-error"]').filter({ hasText: 'similar to a commonly used password' })).toHaveCount(
    1,
  );

  await page.getByLabel(/^Password/).fill(firstAdmin.password);
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await page.waitForURL('**/queue');
  const me = await dataOf(page.request.get(`${freshServer.url}/api/auth/me`), userEnvelopeSchema);
  expect(me.user).toMatchObject({ email: firstAdmin.email, role: { name: 'SUPER_ADMIN' } });

  // Setup is gone for good: the page sends a visitor to sign in, the API refuses a second admin.
  const again = await page.request.post(`${freshServer.url}/api/setup`, {
    data: { ...firstAdmin, email: 'second@example.test' },
  });
  expect(again.status()).toBe(404);
  await page.context().clearCookies();
  await page.goto(`${freshServer.url}/setup`);
  await page.waitForURL('**/sign-in**');
});
