/** Admin work: departments, users and reset links. (a11y.spec.ts opens every admin page.) */
import { departmentSchema, userSchema } from '@helpdesk/contract';
import { z } from 'zod';
import { expect, test } from './fixtures.js';
import { dataOf, password, unique } from './support/api.js';
import { pick, screenshot, signInUi } from './support/page.js';

test('an admin creates a department from the departments page', async ({ adminPage: page, adminApi }) => {
  const name = `Billing ${unique()}`;
  await page.goto('/admin/departments');
  await page.getByRole('button', { name: 'New department' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Description').fill('Invoices, refunds and payments');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('department').filter({ hasText: name })).toHaveCount(1);
  const departments = await dataOf(adminApi.get('/api/departments'), z.array(departmentSchema));
  expect(departments.find((d) => d.name === name)).toMatchObject({ description: 'Invoices, refunds and payments' });
});

test('an admin creates an agent in a department from the users page', async ({
  adminPage: page,
  adminApi,
  department,
}) => {
  const email = `alan-${unique()}@example.test`;
  await page.goto('/admin/users');
  await page.getByRole('button', { name: 'New user' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Name').fill('Alan Agent');
  await form.getByLabel('Email').fill(email);
  await pick(page, 'Role', 'Agent', form);
  await pick(page, 'Departments', department.name, form);
  await page.keyboard.press('Escape');
  await form.getByLabel(/^Password/).fill(password);
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('searchbox', { name: 'Search users' }).fill(email);
  await expect(page.getByTestId('users-table').getByText(email)).toHaveCount(1);
  await screenshot(page, '03-admin-users');

  const found = await dataOf(adminApi.get('/api/users', { params: { q: email } }), z.array(userSchema));
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ name: 'Alan Agent', role: { name: 'AGENT' }, departmentIds: [department.id] });
});

test('an admin issues a reset link; its page sets a new password', async ({ adminPage: page, agent, openPage }) => {
  await page.goto('/admin/users');
  await page.getByRole('searchbox', { name: 'Search users' }).fill(agent.user.email);
  const row = page.getByRole('row').filter({ hasText: agent.user.email });
  await row.getByRole('button', { name: 'Reset link' }).click();
  const link = (await page.getByTestId('reset-link').textContent())?.trim() ?? '';
  expect(link).toMatch(/\/reset-password\?token=/);
  await page.keyboard.press('Escape');

  // The agent opens the link in a browser of their own.
  const agentPage = await openPage();
  await agentPage.goto(link);
  const newPassword = 'a brand new passphrase 42';
  await agentPage.getByLabel(/^New password/).fill(newPassword);
  await agentPage.getByLabel(/^Repeat the new password/).fill(newPassword);
  await agentPage.getByRole('button', { name: 'Set password' }).click();
  await expect(agentPage.getByText('Your new password is set.')).toBeVisible();
  await signInUi(agentPage, { email: agent.user.email, password: newPassword });
  await agentPage.waitForURL('**/queue');
});
