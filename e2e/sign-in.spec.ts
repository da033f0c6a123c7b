/** Signing in and out, returning to the page asked for, and the sign-in throttle's message. */

import { expect, test } from './fixtures.js';
import { type Account, unique } from './support/api.js';
import { failSignIn, fillSignIn, screenshot, signOutUi } from './support/page.js';

test('sign out, then sign in again; a protected page comes back after sign-in', async ({ newAccount, openPage }) => {
  // An admin of this test's own: signing out ends its session, which no other test may lose.
  const admin: Account = await newAccount('ADMIN');
  const page = await openPage(admin);
  await page.goto('/queue');
  await signOutUi(page);
  await page.goto('/admin/users');
  await page.waitForURL(/\/sign-in\?next=/);
  await screenshot(page, '02-sign-in');

  await fillSignIn(page, { email: admin.user.email, password: 'wrong password 123' });
  await expect(page.getByRole('alert').first()).toBeVisible();

  await fillSignIn(page, { email: admin.user.email, password: admin.password });
  await page.waitForURL('**/admin/users');
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
});

test('after too many wrong passwords from this address the sign-in page says when to try again', async ({ page }) => {
  await page.goto('/sign-in');
  // An account nobody has: the wait applies to this account from this address only.
  await page.getByLabel('Email').fill(`nobody-${unique()}@example.test`);
  await page.getByLabel(/^Password/).fill('not the password 1');
  await failSignIn(page, 5, 'Sign in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: /^Too many attempts\. Try again in (1 minute|\d+ seconds)\.$/ }),
  ).toHaveCount(1);
  await screenshot(page, '02b-sign-in-throttled');
});

test('a session that ends sends the user to sign in, and back to where they were', async ({
  agentPage: page,
  agent,
  ticket,
}) => {
  await page.goto('/queue');
  await expect(page.getByTestId('queue-row').filter({ hasText: ticket.subject })).toHaveCount(1);
  // The queue's lazily loaded filters fetch what they offer; let them finish first, so that the
  // click below is what meets the ended session (not one of those requests).
  await page.waitForLoadState('networkidle');
  // The server ends the session (as idle expiry or revocation would): the page shares it with
  // the agent's API client, which signs out.
  expect((await agent.api.post('/api/auth/logout')).status()).toBe(200);
  // The click meets the ended session, unless the bell's poll met it first: then the page is at
  // sign-in already and the click has nothing left to click.
  await Promise.race([
    page
      .locator('label', { hasText: /^Unassigned$/ })
      .click()
      .catch(() => {}),
    page.waitForURL(/\/sign-in\?next=/),
  ]);
  await page.waitForURL(/\/sign-in\?next=/);
  const next = decodeURIComponent(new URL(page.url()).searchParams.get('next') ?? '');
  expect(next).toContain('/queue');
  await fillSignIn(page, { email: agent.user.email, password: agent.password });
  // Back where they were: the queue, with the filter when the click was what met the ended session.
  const clicked = next.includes('assignee=none');
  await page.waitForURL((u) => u.pathname === '/queue' && (!clicked || u.searchParams.get('assignee') === 'none'));
});
