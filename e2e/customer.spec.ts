/** The customer's side: signing up, filing a ticket, following it, closing it. */
import { attachmentSchema, ticketDetailSchema } from '@helpdesk/contract';
import { z } from 'zod';
import { expect, test } from './fixtures.js';
import { addMessage, dataOf, getTicket, password, pngFile, unique } from './support/api.js';
import { pick, screenshot } from './support/page.js';

const noteText = 'Internal: refund approved by finance, do not tell the amount yet';
const replyText = 'Hello, we have refunded the duplicate charge.';

test('a visitor signs up and lands on their (empty) ticket list', async ({ page }) => {
  await page.goto('/sign-up');
  await screenshot(page, '04-sign-up');
  await page.getByLabel('Name').fill('Carla Customer');
  await page.getByLabel('Email').fill(`carla-${unique()}@example.test`);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/tickets');
  await expect(page.getByRole('link', { name: 'New ticket' }).first()).toBeVisible();
});

test('a customer files a ticket with an attachment and sees it', async ({ customerPage: page, department }) => {
  const subject = `Invoice ${unique()} charged twice`;
  await page.goto('/tickets');
  await page.getByRole('link', { name: 'New ticket' }).first().click();
  await page.waitForURL('**/tickets/new');
  await pick(page, 'Department', department.name);
  await page.getByLabel('Subject').fill(subject);
  await page
    .getByLabel('Description')
    .fill('I was charged twice for this invoice.\nPlease refund the duplicate payment.');
  await page.locator('input[type=file]').setInputFiles(pngFile('bank-statement.png'));
  await screenshot(page, '05-new-ticket');
  await page.getByRole('button', { name: 'Submit ticket' }).click();
  await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('ticket-subject')).toContainText(subject);
  // An image is shown once, as a thumbnail (issue 15), not again as a file link.
  await expect(page.getByRole('button', { name: 'Show bank-statement.png larger' })).toHaveCount(1);
  await expect(page.getByTestId('attachment')).toHaveCount(0);
});

test('the customer sees the reply but never the internal note or its file (page and API)', async ({
  customerPage: page,
  customer,
  agent,
  ticket,
}) => {
  await addMessage(agent.api, ticket.id, noteText, { internal: true, file: pngFile('internal-only.png') });
  await addMessage(agent.api, ticket.id, replyText);

  await page.goto(`/tickets/${ticket.id}`);
  await expect(page.getByTestId('message').filter({ hasText: replyText })).toHaveCount(1);
  await expect(page.getByTestId('internal-note')).toHaveCount(0);
  expect(await page.content()).not.toContain(noteText);
  expect(await page.content()).not.toContain('internal-only.png');

  const files = await dataOf(customer.api.get(`/api/tickets/${ticket.id}/attachments`), z.array(attachmentSchema));
  expect(files.map((f) => f.fileName)).not.toContain('internal-only.png');
  const detail = await dataOf(customer.api.get(`/api/tickets/${ticket.id}`), ticketDetailSchema);
  expect(JSON.stringify(detail)).not.toContain(noteText);
  expect(detail.messages.map((m) => m.body)).toEqual([replyText]);
});

test('a reply shows in the customer’s notification bell, the internal note does not', async ({
  customerPage: page,
  agent,
  ticket,
}) => {
  await addMessage(agent.api, ticket.id, noteText, { internal: true });
  await addMessage(agent.api, ticket.id, replyText);

  // Not the ticket itself: opening it reads its notifications (issue 17).
  await page.goto('/tickets');
  const bell = page.getByTestId('notification-bell');
  // Notifications are written after the reply's transaction; the bell shows them on its next load.
  await expect(async () => {
    await page.reload();
    await expect(bell).toHaveAttribute('aria-label', /unread/, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await bell.click();
  const list = page.getByTestId('notification-list');
  await expect(list.locator('button').first()).toBeVisible();
  await expect(list).not.toContainText(noteText);
  await screenshot(page, '08-ticket-customer-notifications');
});

test('a customer closes their ticket', async ({ customerPage: page, customer, ticket }) => {
  await page.goto(`/tickets/${ticket.id}`);
  await page.getByRole('button', { name: 'Close ticket' }).click();
  await page.getByRole('button', { name: 'Yes, close it' }).click();
  await expect(page.getByRole('button', { name: 'Reopen ticket' })).toHaveCount(1);
  expect((await getTicket(customer.api, ticket.id)).ticket.status.isClosed).toBe(true);
});
