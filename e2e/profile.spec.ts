/** The profile page: signed-in sessions and personal API tokens. */
import { userEnvelopeSchema } from '@helpdesk/contract';
import { expect, test } from './fixtures.js';
import { dataOf } from './support/api.js';
import { screenshot } from './support/page.js';

test('the profile shows the sessions and creates an API token that works once shown', async ({
  agentPage: page,
  agent,
  playwright,
  baseURL,
}) => {
  await page.goto('/profile');
  await expect(page.getByText('This browser')).toBeVisible();
  await page.getByLabel('Token name').fill('backup script');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.locator('pre').first().textContent())?.trim() ?? '';
  expect(secret.length).toBeGreaterThan(20);
  await screenshot(page, '22-profile');

  // The token alone (no cookie) signs a script in as the agent.
  const script = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  const me = await dataOf(script.get('/api/auth/me'), userEnvelopeSchema);
  expect(me.user.id).toBe(agent.user.id);
  await script.dispose();
});
