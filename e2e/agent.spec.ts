/** The agent's side of one ticket: queue, keyboard, assignment, internal note and reply. */

import { expect, test } from './fixtures.js';
import { getTicket, pngFile } from './support/api.js';
import { field, screenshot } from './support/page.js';

test('an agent finds a new ticket in the queue, opens it with the keyboard, assigns it, adds a note and replies', async ({
  agentPage: page,
  agent,
  ticket,
}) => {
  const noteText = 'Internal: refund approved by finance, do not tell the amount yet';
  const replyText = 'Hello, we have refunded the duplicate charge.';
  await page.goto('/queue');
  await expect(page.getByTestId('queue-row').filter({ hasText: ticket.subject })).toHaveCount(1);
  await screenshot(page, '06-queue');

  await page.locator('body').press('j');
  await expect(page.locator('[data-testid=queue-row][aria-selected=true]')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/tickets/${ticket.id}`);

  await page.getByTestId('assign-to-me').click();
  await expect(field(page, 'Assignee')).toHaveValue(agent.user.name);

  await page.locator('body').press('n');
  await expect(page.locator('textarea:focus')).toHaveCount(1);
  await page.keyboard.type(noteText);
  await page.locator('input[type=file]').setInputFiles(pngFile('internal-only.png'));
  await page.getByRole('button', { name: 'Add internal note' }).click();
  const note = page.getByTestId('internal-note').filter({ hasText: noteText });
  await expect(note).toHaveCount(1);
  await expect(note.getByRole('button', { name: 'Show internal-only.png larger' })).toHaveCount(1);

  await page.getByTestId('composer').press('Escape');
  await page.locator('body').press('r');
  await expect(page.locator('textarea:focus')).toHaveCount(1);
  await page.keyboard.type(replyText);
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByTestId('message').filter({ hasText: replyText })).toHaveCount(1);
  await screenshot(page, '07-ticket-agent');

  const detail = await getTicket(agent.api, ticket.id);
  expect(detail.ticket.assignee?.id).toBe(agent.user.id);
  expect(detail.messages.map((m) => [m.body, m.isInternal])).toEqual([
    [noteText, true],
    [replyText, false],
  ]);

  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByTestId('history')).toBeVisible();
});
