/**
 * Service levels (issue 18): an admin creates a 24/7 calendar and a policy for one department on
 * the admin page; the agent sees the ticket's due state in the queue (sorted and filtered) and
 * the policy and targets in the ticket's sidebar. Customers never see SLA data.
 */
import { test as base, expect } from './fixtures.js';
import { fileTicket, listTickets, unique } from './support/api.js';
import { field, pick, screenshot } from './support/page.js';

const test = base;

test('an admin sets up a calendar and a policy; the agent sees the due state in the queue and the sidebar', async ({
  adminPage: admin,
  agentPage: page,
  customer,
  department,
}) => {
  const calendar = `Round the clock ${unique()}`;
  const policy = `Billing SLA ${unique()}`;

  await admin.goto('/admin/service-levels');
  await admin.getByRole('button', { name: 'New calendar' }).click();
  const calDialog = admin.getByRole('dialog');
  await field(calDialog, 'Name').fill(calendar);
  // 24/7: the due time does not depend on when the test runs.
  await calDialog.getByRole('button', { name: '24/7' }).click();
  await calDialog.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByTestId('sla-calendars')).toContainText(calendar);

  await admin.getByRole('button', { name: 'New policy' }).click();
  const polDialog = admin.getByRole('dialog');
  await field(polDialog, 'Name').fill(policy);
  await pick(admin, 'Department', department.name, polDialog);
  await pick(admin, 'Calendar', calendar, polDialog);
  await polDialog.getByRole('textbox', { name: 'First response Normal' }).fill('60');
  await polDialog.getByRole('textbox', { name: 'Resolution Normal' }).fill('480');
  await polDialog.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByTestId('sla-policies')).toContainText(policy);
  await expect(admin.getByTestId('sla-policies')).toContainText(department.name);
  await screenshot(admin, '70-service-levels-admin');

  const ticket = await fileTicket(customer.api, department, { subject: `Clock ${unique()}` });

  await page.goto('/queue');
  const row = page.getByTestId('queue-row').filter({ hasText: ticket.subject });
  const badge = row.getByTestId('sla-badge');
  await expect(badge).toHaveAttribute('data-state', 'ok');
  await expect(badge).toHaveText(/^due in (1 h|\d+ min) \(business time\)$/);

  // Sorted by due soonest and filtered by state, the ticket is still there.
  await pick(page, 'Sort', 'SLA due soonest');
  await expect(page).toHaveURL(/sort=sla_due/);
  await pick(page, 'SLA', 'On track');
  await expect(page).toHaveURL(/sla=ok/);
  await expect(page.getByTestId('queue-row').filter({ hasText: ticket.subject })).toHaveCount(1);
  await pick(page, 'SLA', 'Breached');
  await expect(page.getByTestId('queue-row').filter({ hasText: ticket.subject })).toHaveCount(0);
  await screenshot(page, '71-service-levels-queue');

  await page.goto(`/tickets/${ticket.id}`);
  const panel = page.getByTestId('ticket-sla');
  await expect(panel).toContainText(policy);
  await expect(panel).toContainText('First response: 1 h');
  await expect(panel).toContainText('Resolution: 8 h');
  await expect(panel.getByTestId('sla-target-first_response')).toHaveAttribute('data-state', 'ok');

  // A public reply meets the first response.
  await page.getByRole('textbox', { name: 'Reply' }).fill('We are on it.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(panel.getByTestId('sla-target-first_response')).toHaveAttribute('data-state', 'met');

  // The customer's own list carries no SLA data.
  const own = await listTickets(customer.api, {});
  expect(own.every((t) => t.sla === undefined)).toBe(true);
});
