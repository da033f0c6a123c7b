/** Two agents on one ticket (issue 17): presence, the "someone replied" question, a restored draft. */

import { expect, test } from './fixtures.js';
import { addMessage, getTicket } from './support/api.js';
import { expectNoSeriousA11yViolations, screenshot } from './support/page.js';

// Presence is polled every 5 s: allow two polls.
const POLL = { timeout: 12_000 };

test('two agents see each other on a ticket, are asked before sending over a new reply, and keep drafts', async ({
  agentPage: anna,
  agent,
  department,
  newAccount,
  openPage,
  ticket,
}) => {
  const bobAccount = await newAccount('AGENT', [department]);
  const bob = await openPage(bobAccount);
  // Reloading with unsent text asks first; the test says leave (the draft is kept on the server).
  anna.on('dialog', (dialog) => dialog.accept());

  await anna.goto(`/tickets/${ticket.id}`);
  await bob.goto(`/tickets/${ticket.id}`);
  await expect(bob.getByTestId('presence')).toContainText(`${agent.user.name} is viewing`, POLL);
  await expect(anna.getByTestId('presence')).toContainText(`${bobAccount.user.name} is viewing`, POLL);

  // Anna types: Bob sees it; her draft is saved and comes back after a reload.
  const text = 'We are looking into the double charge.';
  await anna.getByTestId('composer').fill(text);
  await expect(bob.getByTestId('presence')).toContainText(`${agent.user.name} is typing a reply`, POLL);
  await expect(anna.getByTestId('draft-status')).toHaveText('Draft saved');
  await anna.reload();
  await expect(anna.getByTestId('composer')).toHaveValue(text);

  // Bob replies meanwhile; once Anna's page has polled, Send asks first.
  await addMessage(bobAccount.api, ticket.id, 'Bob here: refund is on its way.');
  await anna.waitForResponse(
    async (r) =>
      r.url().endsWith('/presence') &&
      r.request().method() === 'GET' &&
      (await r.json()).data?.lastPublicMessage?.author.id === bobAccount.user.id,
    POLL,
  );
  await anna.getByRole('button', { name: 'Send reply' }).click();
  const question = anna.getByTestId('someone-replied');
  await expect(question).toContainText(`${bobAccount.user.name} replied`);
  await expect(anna.getByTestId('presence')).toContainText(bobAccount.user.name);
  await expectNoSeriousA11yViolations(anna);
  await screenshot(anna, '70-someone-replied');
  await question.getByRole('button', { name: 'Show it' }).click();
  await expect(anna.getByTestId('message').filter({ hasText: 'Bob here' })).toHaveCount(1);
  await expect(question).toHaveCount(0);

  // Read: sending now goes through, and the draft is gone.
  await anna.getByRole('button', { name: 'Send reply' }).click();
  await expect(anna.getByTestId('message').filter({ hasText: text })).toHaveCount(1);
  await expect(anna.getByTestId('composer')).toHaveValue('');
  const detail = await getTicket(agent.api, ticket.id);
  expect(detail.messages.map((m) => m.body)).toContain(text);
  await anna.reload();
  await expect(anna.getByTestId('message').filter({ hasText: text })).toHaveCount(1);
  await expect(anna.getByTestId('composer')).toHaveValue('');
});
