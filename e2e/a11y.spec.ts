/**
 * axe-core on every main page, each with the data it shows: no serious or critical violations.
 * (The setup page is checked in setup.spec.ts, the two-factor pages in two-factor.spec.ts.)
 * The admin pages are screenshotted here too.
 */
import { resetLinkSchema } from '@helpdesk/contract';
import { expect, type Locator, type Page, test } from './fixtures.js';
import { addMessage, dataOf } from './support/api.js';
import { expectNoSeriousA11yViolations, screenshot } from './support/page.js';

/** Opens the page, waits until it shows `ready` and has loaded its data, and runs axe-core. */
async function check(page: Page, path: string, ready: (page: Page) => Locator): Promise<void> {
  await page.goto(path);
  await expect(ready(page)).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoSeriousA11yViolations(page);
}

test('the sign-in page', async ({ page }) => {
  await check(page, '/sign-in', (p) => p.getByRole('button', { name: 'Sign in' }));
});

test('the sign-up page', async ({ page }) => {
  await check(page, '/sign-up', (p) => p.getByRole('button', { name: 'Create account' }));
});

test('the reset-password page', async ({ page, adminApi, agent }) => {
  const link = await dataOf(adminApi.post(`/api/users/${agent.user.id}/reset-link`), resetLinkSchema);
  await check(page, link.url, (p) => p.getByLabel(/^New password/));
});

test('my tickets, still empty', async ({ customerPage }) => {
  await check(customerPage, '/tickets', (p) => p.getByText('No open tickets'));
});

test('the new-ticket form', async ({ customerPage, department }) => {
  expect(department.id).toBeTruthy(); // a department to choose
  await check(customerPage, '/tickets/new', (p) => p.getByLabel('Subject'));
});

test('a ticket as its customer sees it', async ({ customerPage, agent, ticket }) => {
  await addMessage(agent.api, ticket.id, 'We are looking into it.');
  await check(customerPage, `/tickets/${ticket.id}`, (p) => p.getByTestId('message'));
});

test('a ticket as an agent sees it', async ({ agentPage, agent, ticket }) => {
  await addMessage(agent.api, ticket.id, 'Refund approved by finance', { internal: true });
  await check(agentPage, `/tickets/${ticket.id}`, (p) => p.getByTestId('internal-note'));
});

test('the queue', async ({ agentPage, ticket }) => {
  expect(ticket.id).toBeTruthy(); // a row to show
  await check(agentPage, '/queue', (p) => p.getByTestId('queue-row'));
});

test('the profile page', async ({ agentPage }) => {
  await check(agentPage, '/profile', (p) => p.getByText('This browser'));
});

test('the dashboard, with numbers and charts', async ({ adminPage, ticket }) => {
  expect(ticket.id).toBeTruthy(); // something to count and chart
  await check(adminPage, '/dashboard', (p) => p.locator('.recharts-surface').first());
  await expect(adminPage.getByTestId('stat').first()).toBeVisible();
  await screenshot(adminPage, '17-dashboard');
});

for (const [path, title, shot] of [
  ['/admin/departments', 'Departments', '17a-admin-departments'],
  ['/admin/users', 'Users', '17b-admin-users'],
  ['/admin/roles', 'Roles and permissions', '18-admin-roles'],
  ['/admin/statuses', 'Statuses and priorities', '19-admin-statuses'],
  ['/admin/settings', 'Settings', '20-admin-settings'],
  ['/admin/audit', 'Audit log', '21-admin-audit'],
  ['/admin/custom-fields', 'Custom fields', '21a-admin-custom-fields'],
] as const) {
  test(`the admin page ${path} (${title})`, async ({ adminPage }) => {
    await check(adminPage, path, (p) => p.getByRole('heading', { level: 1, name: title }));
    await screenshot(adminPage, shot);
  });
}

test.describe('in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('my tickets', async ({ customerPage, ticket }) => {
    await check(customerPage, '/tickets', (p) => p.getByText(ticket.subject));
  });
});
