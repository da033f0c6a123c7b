/** Two agents on one ticket (issue 17): presence, the "someone replied" question, a restored draft. */

import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { addMessage, fileTicket, getTicket } from './support/api.js';
import { expectNoSeriousA11yViolations, screenshot } from './support/page.js';

// Presence is polled every 5 s: allow two polls.
const POLL = { timeout: 12_000 };

/** The page's next presence heartbeat (`PUT …/presence`), answered. */
const heartbeat = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith('/presence') && r.request().method() === 'PUT' && r.ok(), POLL);

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

  // Each page's first heartbeat has landed before the other is expected to see it (a busy machine
  // can take seconds between a page's load event and its first heartbeat).
  const annaHere = heartbeat(anna);
  await anna.goto(`/tickets/${ticket.id}`);
  await annaHere;
  const bobHere = heartbeat(bob);
  await bob.goto(`/tickets/${ticket.id}`);
  await bobHere;
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

test('a reply sent before the saved draft was restored stays sent: the old draft does not come back', async ({
  agentPage: anna,
  agent,
  ticket,
}) => {
  const put = await agent.api.put(`/api/tickets/${ticket.id}/drafts/reply`, { data: { body: 'An old draft.' } });
  expect(put.ok()).toBe(true);
  // The draft keeper (restore and save, a part of its own) is held until the reply has gone.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await anna.route(/\/assets\/draft-sync-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await anna.goto(`/tickets/${ticket.id}`);
  await anna.getByTestId('composer').fill('A quick answer.');
  await anna.getByRole('button', { name: 'Send reply' }).click();
  await expect(anna.getByTestId('message').filter({ hasText: 'A quick answer.' })).toHaveCount(1);
  await expect(anna.getByTestId('composer')).toHaveValue('');
  release();
  // The keeper has loaded (its status line shows) and left the box empty.
  await expect(anna.getByTestId('draft-status')).toBeAttached();
  await expect(anna.getByTestId('composer')).toHaveValue('');
});

test('a reply that lands while the ticket page still loads is asked about before sending', async ({
  agentPage: anna,
  department,
  newAccount,
  ticket,
}) => {
  const bobAccount = await newAccount('AGENT', [department]);
  // Anna's page has read the ticket; its presence reads are held until Bob has replied. The first
  // one goes in the page's parts' batch, or alone when those parts arrived apart (a busy machine).
  const presenceRead = (request: Request) =>
    request.method() === 'GET' && /\/api\/batch\?.*presence|\/presence$/.test(request.url());
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await anna.route('**/api/**', async (route) => {
    if (presenceRead(route.request())) await held;
    await route.continue();
  });
  await anna.goto(`/tickets/${ticket.id}`);
  await expect(anna.getByTestId('composer')).toBeVisible();
  await addMessage(bobAccount.api, ticket.id, 'Bob: answered while Anna was loading.');
  const answered = anna.waitForResponse((r) => presenceRead(r.request()));
  release();
  await answered;

  // The conversation on screen lacks Bob's reply: sending asks first.
  await anna.getByTestId('composer').fill('Our answer.');
  await anna.getByRole('button', { name: 'Send reply' }).click();
  await expect(anna.getByTestId('someone-replied')).toContainText(`${bobAccount.user.name} replied`);
});

test('mentions autocomplete in a note, and the notification opens the ticket at it; following', async ({
  agentPage: anna,
  department,
  newAccount,
  openPage,
  ticket,
}) => {
  const bobAccount = await newAccount('AGENT', [department]);
  const bob = await openPage(bobAccount);
  await anna.goto(`/tickets/${ticket.id}`);
  await anna
    .locator('label')
    .filter({ hasText: /^Internal note$/ })
    .click();
  const box = anna.getByTestId('composer');
  await box.fill('Could ');
  await box.pressSequentially(`@${bobAccount.user.name.slice(0, 4)}`);
  const list = anna.getByTestId('mention-list');
  await expect(list.getByRole('option', { name: new RegExp(bobAccount.user.name) })).toBeVisible();
  await box.press('Enter');
  await expect(box).toHaveValue(/^Could @[^ ]+ $/);
  await box.pressSequentially('check the refund?');
  await anna.getByRole('button', { name: 'Add internal note' }).click();
  const note = anna.getByTestId('internal-note').filter({ hasText: 'check the refund?' });
  await expect(note.getByTestId('mention')).toHaveCount(1);

  // Bob's notification opens the ticket at the note, highlighted; he follows it now.
  await bob.goto('/notifications');
  await bob.getByText(`You were mentioned on #${ticket.number}`).click();
  await expect(bob).toHaveURL(/#message-/);
  await expect(bob.locator('[data-focused]')).toContainText('check the refund?');
  await expect(bob.getByTestId('followers-panel')).toContainText(bobAccount.user.name);
  await expect(bob.getByTestId('follow-button')).toHaveText('Unfollow');

  // Anna follows from the ticket page, and unfollows again.
  await anna.getByTestId('follow-button').click();
  await expect(anna.getByTestId('followers-panel')).toContainText(bobAccount.user.name);
  await expect(anna.getByTestId('follow-button')).toHaveText('Unfollow');
  await anna.getByTestId('follow-button').click();
  await expect(anna.getByTestId('follow-button')).toHaveText('Follow');
});

test('send and mark resolved, merge with the redirect, split a message, and leaving with unsent text asks first', async ({
  agentPage: anna,
  agent,
  customer,
  department,
  ticket,
}) => {
  // Send and mark Resolved: one request, the status changes with the reply.
  await anna.goto(`/tickets/${ticket.id}`);
  await anna.getByTestId('composer').fill('The duplicate was refunded.');
  await anna.getByTestId('send-and-mark').click();
  await anna.getByRole('menuitem', { name: 'Send and mark Resolved' }).click();
  await expect(anna.getByTestId('message').filter({ hasText: 'The duplicate was refunded.' })).toHaveCount(1);
  await expect.poll(async () => (await getTicket(agent.api, ticket.id)).ticket.status.name).toBe('Resolved');

  // Merge a second ticket of the same customer into the first: its number then leads there.
  const second = await fileTicket(customer.api, department, { subject: 'Charged twice again' });
  await anna.goto(`/tickets/${second.number}`);
  await anna.getByTestId('merge-button').click();
  await anna.getByTestId('merge-into').fill(`#${ticket.number}`);
  await anna.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(anna).toHaveURL(new RegExp(`/tickets/${ticket.number}$`));
  await anna.goto(`/tickets/${second.number}`);
  await expect(anna).toHaveURL(new RegExp(`/tickets/${ticket.number}$`));
  await expect(anna.getByTestId('merged-notice')).toContainText(`#${ticket.number}`);
  await expect(anna.getByTestId('ticket-subject')).toContainText(ticket.subject);

  // Split a public message into its own ticket: the new ticket opens with that message as its description.
  await anna
    .getByTestId('message')
    .filter({ hasText: 'The duplicate was refunded.' })
    .getByTestId('split-button')
    .click();
  await expect(anna.getByTestId('split-subject')).toHaveValue(ticket.subject);
  await anna.getByTestId('split-subject').fill('Refund confirmation');
  await anna.getByTestId('split-confirm').click();
  await expect(anna.getByTestId('ticket-subject')).toContainText('Refund confirmation');
  await expect(anna.getByTestId('ticket-description')).toContainText('The duplicate was refunded.');
  await expect(anna.getByTestId('message').filter({ hasText: `Split from #${ticket.number}.` })).toHaveCount(1);
  await anna.goto(`/tickets/${ticket.number}`);
  await expect(anna.getByTestId('message').filter({ hasText: 'continues as its own ticket' })).toHaveCount(1);

  // Unsent text: moving to another page of the app asks; Stay keeps the page, Leave goes.
  await anna.getByTestId('composer').fill('Half a thought');
  await anna.getByRole('link', { name: '← Queue' }).click();
  await expect(anna.getByTestId('leave-stay')).toBeVisible();
  await anna.getByTestId('leave-stay').click();
  await expect(anna).toHaveURL(new RegExp(`/tickets/${ticket.number}$`));
  await expect(anna.getByTestId('composer')).toHaveValue('Half a thought');
  // The first dialog fades out: its Leave button (blocker already reset) must not take the click.
  await expect(anna.getByTestId('leave-stay')).toBeHidden();
  await anna.getByRole('link', { name: '← Queue' }).click();
  await expect(anna.getByTestId('leave-go')).toBeVisible();
  await anna.getByTestId('leave-go').click();
  await expect(anna).toHaveURL(/\/queue/);
});
