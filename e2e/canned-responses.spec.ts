/**
 * Canned responses: an agent inserts one in the composer with `/`, edits it and sends; the customer
 * sees the filled text, and the ticket gets the response's status and tag.
 */
import { cannedResponseSchema, ticketStatusSchema } from '@helpdesk/contract';
import { z } from 'zod';
import { expect, test } from './fixtures.js';
import { dataOf, getTicket, pngFile, unique } from './support/api.js';
import { screenshot } from './support/page.js';

test('an agent inserts a canned response with /, edits it and sends it; the customer sees it filled in', async ({
  adminApi,
  agentPage: page,
  customerPage,
  customer,
  agent,
  department,
  ticket,
}) => {
  const word = `Refund${unique()}`;
  const tag = `refund-${unique()}`;
  const statuses = await dataOf(adminApi.get('/api/statuses'), z.array(ticketStatusSchema));
  const resolved = statuses.find((s) => s.name === 'Resolved');
  if (!resolved) throw new Error('no Resolved status');
  const response = await dataOf(
    adminApi.post('/api/canned-responses', {
      data: {
        title: `${word} sent`,
        body: 'Hello {{customer.name}}, the refund for #{{ticket.number}} is on its way. {{agent.name}}, {{department.name}}',
        scope: 'shared',
        departmentId: department.id,
        actions: { setStatusId: resolved.id, addTags: [tag] },
      },
    }),
    cannedResponseSchema,
  );
  const guide = `guide-${unique()}.png`;
  const added = await adminApi.post(`/api/canned-responses/${response.id}/files`, {
    multipart: { files: pngFile(guide) },
  });
  expect(added.status()).toBe(201);

  await page.goto(`/tickets/${ticket.id}`);
  const composer = page.getByTestId('composer');
  // The composer's tools load on their own (a lazy chunk): wait for them before typing.
  await expect(page.getByTestId('canned-button')).toBeVisible();
  await composer.click();
  await composer.pressSequentially('/');
  const search = page.getByTestId('canned-search');
  await expect(search).toBeFocused();
  await search.fill(word.toLowerCase());
  await expect(page.getByTestId('canned-option')).toHaveCount(1);
  await search.press('Enter');

  const filled = `Hello ${customer.user.name}, the refund for #${ticket.number} is on its way. ${agent.user.name}, ${department.name}`;
  await expect(composer).toHaveValue(filled);
  await expect(page.getByTestId('canned-pending')).toContainText('Resolved');
  await expect(page.getByTestId('canned-pending')).toContainText(tag);
  // The response's file goes with the message.
  await expect(page.getByText(guide)).toBeVisible();
  await screenshot(page, '50-canned-inserted');
  // The agent edits the text before sending.
  await composer.press('ControlOrMeta+End');
  await composer.pressSequentially(' Anything else?');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(composer).toHaveValue('');

  // The response's status change and tag are made after the send; the tag shows in the sidebar.
  await expect.poll(async () => (await getTicket(adminApi, ticket.id)).ticket.status.name).toBe('Resolved');
  await expect.poll(async () => (await getTicket(adminApi, ticket.id)).ticket.tags?.map((t) => t.name)).toEqual([tag]);
  await expect(page.getByTestId('ticket-tags').getByTestId('tag-chip')).toHaveText(tag);
  const used = await dataOf(adminApi.get(`/api/canned-responses/${response.id}`), cannedResponseSchema);
  expect(used.usageCount).toBe(1);

  await customerPage.goto(`/tickets/${ticket.id}`);
  await expect(customerPage.getByText(`${filled} Anything else?`)).toBeVisible();
  await expect(customerPage.getByText('{{')).toHaveCount(0);
  await expect(customerPage.getByRole('img', { name: guide })).toBeVisible();
});

test('an agent keeps a personal response that tags on send; an unknown placeholder is refused by name', async ({
  agentPage: page,
  agent,
  ticket,
}) => {
  const title = `Sign-off ${unique()}`;
  const tag = `Follow up ${unique()}`;
  // A tag that exists already: the tag box suggests it for what is typed, never over the buttons.
  const existing = `follow-${unique()}`;
  expect((await agent.api.post(`/api/tickets/${ticket.id}/tags`, { data: { name: existing } })).status()).toBe(200);
  await page.goto('/canned-responses');
  await page.getByTestId('canned-add').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByTestId('canned-body').fill('Best regards, {{agent.nmae}}');
  // A new tag name (agents may create tags): extra spaces are dropped.
  const tags = dialog.getByLabel('On send, add tags');
  const suggestions = page.getByRole('listbox', { name: 'On send, add tags' });
  await tags.fill('follow');
  await expect(suggestions.getByRole('option', { name: existing })).toBeVisible();
  await tags.fill(` ${tag.replace(' ', '   ')}`);
  await tags.press('Enter');
  await expect(suggestions).toBeHidden();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toContainText('{{agent.nmae}}');
  await dialog.getByTestId('canned-body').fill('Best regards, {{agent.name}}');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('cell', { name: title })).toBeVisible();
  await screenshot(page, '51-my-canned-responses');
  // Saved with the tag, shown when it is edited again.
  await page.getByRole('row', { name: title }).getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('dialog').getByText(tag, { exact: true })).toBeVisible();
});
