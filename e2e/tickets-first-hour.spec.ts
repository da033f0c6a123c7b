/**
 * Issue 15, the ticket side: opening by number, field errors as sentences, files checked before
 * upload and filed with the ticket in one request, images once with a larger view, the queue and
 * the ticket page at 375 px, the search scope, customer priorities, closing with undo.
 */
import { ticketStatusSchema } from '@helpdesk/contract';
import type { Page } from '@playwright/test';
import { z } from 'zod';
import { expect, test } from './fixtures.js';
import { dataOf, getTicket, listTickets, pngFile, priorityNamed, unique } from './support/api.js';
import { field, fillSignIn, pick, screenshot } from './support/page.js';

const mb = (n: number) => Buffer.alloc(n * 1024 * 1024, 1);

/** The element's text fits its box (nothing cut off). */
const fits = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .evaluate((el) => (el as HTMLInputElement).scrollWidth <= (el as HTMLInputElement).clientWidth);

test('a ticket opened by its number shows its files, and an image opens larger and downloads', async ({
  customerPage: page,
  customer,
  ticket,
}) => {
  const up = await customer.api.post(`/api/tickets/${ticket.number}/attachments`, {
    multipart: { file: pngFile('screen.png') },
  });
  expect(up.status()).toBe(201);
  await customer.api.post(`/api/tickets/${ticket.id}/attachments`, {
    multipart: { file: { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('since Monday') } },
  });
  await page.goto(`/tickets/${ticket.number}`);
  await expect(page.getByTestId('ticket-subject')).toContainText(ticket.subject);
  // The image once, as a thumbnail; the text file as a link.
  const thumbnail = page.getByRole('button', { name: 'Show screen.png larger' });
  await expect(thumbnail).toHaveCount(1);
  await expect(page.getByTestId('attachment')).toHaveText(['notes.txt']);
  await thumbnail.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('img', { name: 'screen.png' })).toBeVisible();
  await screenshot(page, '40-ticket-image-preview');
  const download = page.waitForEvent('download');
  await dialog.getByTestId('attachment-download').click();
  expect((await download).suggestedFilename()).toBe('screen.png');
});

test('a deep link by number leads through sign-in to the ticket with its files', async ({ page, customer, ticket }) => {
  await customer.api.post(`/api/tickets/${ticket.id}/attachments`, { multipart: { file: pngFile('deep.png') } });
  await page.goto(`/tickets/${ticket.number}`);
  await page.waitForURL('**/sign-in**');
  await fillSignIn(page, { email: customer.user.email, password: customer.password });
  await page.waitForURL(`**/tickets/${ticket.number}`);
  await expect(page.getByRole('button', { name: 'Show deep.png larger' })).toHaveCount(1);
});

test('the new-ticket form says what each field needs, in sentences', async ({ customerPage: page }) => {
  await page.goto('/tickets/new');
  await page.getByRole('button', { name: 'Submit ticket' }).click();
  await expect(page.getByText('Choose a department')).toBeVisible();
  await expect(page.getByText('Write a subject (up to 200 characters)')).toBeVisible();
  await expect(page.getByText('Describe the problem')).toBeVisible();
  for (const raw of ['Invalid UUID', 'Too small', 'Required', 'expected string']) {
    await expect(page.getByText(raw)).toHaveCount(0);
  }
  await screenshot(page, '41-new-ticket-errors');
});

test('files are checked before upload with the limit said, and a refused file files no ticket', async ({
  customerPage: page,
  customer,
  department,
}) => {
  await page.goto('/tickets/new');
  const files = page.locator('input[type=file]');
  await files.setInputFiles([
    { name: 'report.pdf', mimeType: 'application/pdf', buffer: mb(12) },
    { name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
  ]);
  const problems = page.getByTestId('file-problems');
  await expect(problems).toContainText('report.pdf is 12 MB; the limit is 10 MB.');
  await expect(problems).toContainText('tool.exe: this type of file is not accepted');
  await expect(page.getByRole('button', { name: /^Remove / })).toHaveCount(0);

  // A file the browser cannot judge (a program named .png) is refused by the server: no ticket is
  // filed, and the form keeps what was typed.
  const subject = `Refused ${unique()}`;
  await pick(page, 'Department', department.name);
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Description').fill('With a file the server refuses');
  await files.setInputFiles({
    name: 'photo.png',
    mimeType: 'image/png',
    buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 1)]),
  });
  await page.getByRole('button', { name: 'Submit ticket' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'not accepted' })).toBeVisible();
  await expect(page).toHaveURL(/\/tickets\/new$/);
  await expect(page.getByLabel('Subject')).toHaveValue(subject);
  expect((await listTickets(customer.api, { q: subject })).length).toBe(0);
  await screenshot(page, '42-new-ticket-file-refused');

  // With an accepted file instead, the ticket and its file arrive together.
  await page.getByRole('button', { name: 'Remove photo.png' }).click();
  await files.setInputFiles(pngFile('receipt.png'));
  await page.getByRole('button', { name: 'Submit ticket' }).click();
  await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('button', { name: 'Show receipt.png larger' })).toHaveCount(1);
});

test('a customer is offered every priority but Urgent, and the server refuses Urgent', async ({
  customerPage: page,
  customer,
  department,
}) => {
  await page.goto('/tickets/new');
  await field(page, 'Priority').click();
  const options = page.getByRole('option');
  await expect(options).toHaveText(['Low', 'Normal', 'High']);
  await page.keyboard.press('Escape');
  const urgent = await priorityNamed(customer.api, 'Urgent');
  const refused = await customer.api.post('/api/tickets', {
    data: { subject: 'Now!', description: 'x', departmentId: department.id, priorityId: urgent.id },
  });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.code).toBe('PRIORITY_NOT_ALLOWED');
});

test('the admin settings show which priorities customers may choose', async ({ adminPage: page }) => {
  await page.goto('/admin/settings');
  await expect(page.getByTestId('customer-priorities')).toBeVisible();
  await expect(page.getByText('Priorities customers may choose')).toBeVisible();
  await screenshot(page, '43-admin-customer-priorities');
});

test('closing asks first and can be undone', async ({ customerPage: page, customer, ticket }) => {
  await page.goto(`/tickets/${ticket.id}`);
  await page.getByRole('button', { name: 'Close ticket' }).click();
  await expect(page.getByRole('dialog', { name: 'Close this ticket?' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect((await getTicket(customer.api, ticket.id)).ticket.status.isClosed).toBe(false);

  await page.getByRole('button', { name: 'Close ticket' }).click();
  await page.getByRole('button', { name: 'Yes, close it' }).click();
  await expect(page.getByText(`Ticket #${ticket.number} closed.`)).toBeVisible();
  await screenshot(page, '44-ticket-closed-undo');
  expect((await getTicket(customer.api, ticket.id)).ticket.status.isClosed).toBe(true);
  await page.getByTestId('undo-close').click();
  await expect(page.getByRole('button', { name: 'Close ticket' })).toBeVisible();
  expect((await getTicket(customer.api, ticket.id)).ticket.status.isClosed).toBe(false);
});

test('the queue: the sort box is not cut off, and "all statuses" is one click from the search', async ({
  agentPage: page,
  agent,
  ticket,
}) => {
  const statuses = await dataOf(agent.api.get('/api/statuses'), z.array(ticketStatusSchema));
  const closed = statuses.find((s) => s.isClosed);
  if (!closed) throw new Error('no closed status');
  await agent.api.patch(`/api/tickets/${ticket.id}`, { data: { version: ticket.version, statusId: closed.id } });

  await page.goto('/queue');
  for (const option of ['Newest or best match', 'Number, high to low', 'Highest priority']) {
    await pick(page, 'Sort', option);
    expect(await fits(page, 'queue-sort'), option).toBe(true);
  }
  await page.getByLabel('Search').fill(ticket.subject);
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByTestId('search-scope')).toContainText('Search covers open tickets only.');
  await expect(page.getByTestId('queue-row')).toHaveCount(0);
  await page.getByRole('button', { name: 'Search all statuses' }).click();
  await expect(page.getByTestId('queue-row').filter({ hasText: ticket.subject })).toHaveCount(1);
  await expect(page).toHaveURL(/status=any/);
  await expect(page.getByTestId('search-scope')).toContainText('Searching tickets of every status.');
  await screenshot(page, '45-queue-all-statuses');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`at 375 px (${colorScheme})`, () => {
    test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, colorScheme });

    test('the queue folds its filters behind a button that counts them', async ({ agentPage: page, agent }) => {
      const high = await priorityNamed(agent.api, 'High');
      await page.goto(`/queue?status=closed&priorityId=${high.id}`);
      const toggle = page.getByTestId('filters-toggle');
      await expect(toggle).toHaveText('Filters (2)');
      await expect(field(page, 'Department')).toBeHidden();
      await screenshot(page, `46-mobile-queue-filters-${colorScheme}`);
      await toggle.click();
      await expect(field(page, 'Department')).toBeVisible();
      await screenshot(page, `47-mobile-queue-filters-open-${colorScheme}`);
    });

    test('the ticket page shows the details first, collapsed, before the conversation', async ({
      agentPage: page,
      ticket,
    }) => {
      await page.goto(`/tickets/${ticket.number}`);
      const details = page.getByTestId('ticket-details');
      const conversation = page.getByTestId('ticket-description');
      await expect(conversation).toBeVisible();
      const [d, c] = [await details.boundingBox(), await conversation.boundingBox()];
      expect(d && c && d.y < c.y, 'details above the conversation').toBe(true);
      await expect(field(page, 'Status')).toBeHidden();
      await screenshot(page, `48-mobile-ticket-${colorScheme}`);
      await page.getByRole('button', { name: 'Show or hide the details' }).click();
      await expect(field(page, 'Status')).toBeVisible();
      await screenshot(page, `49-mobile-ticket-details-${colorScheme}`);
    });
  });
}

test.describe('at desktop width in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the changed ticket pages', async ({ agentPage: page, ticket }) => {
    await page.goto('/queue');
    await expect(page.getByTestId('queue-row').first()).toBeVisible();
    await screenshot(page, '50-queue-dark');
    await page.goto(`/tickets/${ticket.number}`);
    await expect(field(page, 'Status')).toBeVisible();
    await screenshot(page, '51-ticket-dark');
    await page.goto('/tickets/new');
    await page.getByRole('button', { name: 'Submit ticket' }).click();
    await expect(page.getByText('Choose a department')).toBeVisible();
    await screenshot(page, '52-new-ticket-errors-dark');
  });
});

test('the ticket pages speak German', async ({ customerPage: page, ticket }) => {
  await page.addInitScript(() => localStorage.setItem('helpdesk.language', 'de'));
  await page.goto('/tickets/new');
  await page.getByRole('button', { name: 'Ticket absenden' }).click();
  await expect(page.getByText('Wählen Sie eine Abteilung')).toBeVisible();
  await expect(page.getByText('Beschreiben Sie das Problem')).toBeVisible();
  await screenshot(page, '53-new-ticket-errors-de');
  await page.goto(`/tickets/${ticket.number}`);
  await page.getByRole('button', { name: 'Ticket schließen' }).click();
  await expect(page.getByRole('dialog', { name: 'Dieses Ticket schließen?' })).toBeVisible();
  await screenshot(page, '54-ticket-close-confirm-de');
});
