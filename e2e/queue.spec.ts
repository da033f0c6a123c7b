/** The agent queue: keyboard use, bulk changes and saved views, over the agent's own department. */
import { bulkResultSchema, type Ticket, ticketStatusSchema } from '@helpdesk/contract';
import { z } from 'zod';
import { test as base, expect, type Page } from './fixtures.js';
import { addMessage, dataOf, fileTicket, listTickets, priorityNamed } from './support/api.js';
import { answerRead, pick, screenshot } from './support/page.js';

const test = base.extend<{ queueTickets: Ticket[] }>({
  /** Three tickets in the agent's department, `Keyboard ticket 1` to `3`. */
  queueTickets: async ({ customer, department }, use) => {
    const tickets: Ticket[] = [];
    for (const n of [1, 2, 3]) {
      tickets.push(await fileTicket(customer.api, department, { subject: `Keyboard ticket ${n}` }));
    }
    await use(tickets);
  },
});

/** Opens the queue and waits for its three rows. */
async function openQueue(page: Page) {
  await page.goto('/queue');
  const rows = page.getByTestId('queue-row');
  await expect(rows).toHaveCount(3);
  return rows;
}

test('a click on a row moves the cursor there; a click on its link opens its ticket', async ({
  agentPage: page,
  queueTickets,
}) => {
  const rows = await openQueue(page);
  await rows.nth(2).getByRole('cell').nth(2).click();
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-testid=queue-row][aria-selected=true]')).toHaveCount(1);
  const link = rows.nth(1).getByRole('link').first();
  // A row's link reads "#1042 Subject".
  const subject = ((await link.textContent()) ?? '').replace(/^#\d+\s+/, '').trim();
  expect(queueTickets.map((t) => t.subject)).toContain(subject);
  await link.click();
  await expect(page.getByTestId('ticket-subject')).toContainText(subject);
});

test('the queue works from the keyboard: j/k, Enter, / and ?', async ({ agentPage: page, queueTickets }) => {
  expect(queueTickets).toHaveLength(3);
  await openQueue(page);
  const body = page.locator('body');
  await body.press('j');
  await body.press('j');
  await body.press('j');
  await body.press('k');
  const selected = page.locator('[data-testid=queue-row][aria-selected=true]');
  await expect(selected).toHaveAttribute('data-row-index', '1');
  const href = await selected.getByRole('link').first().getAttribute('href');

  await body.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await body.press('/');
  await expect(page.locator('input[type=search]:focus')).toHaveCount(1);
  await page.keyboard.press('Escape');

  await body.press('Enter');
  await page.waitForURL(`**${href}`);
});

test("a ticket page whose parts' code is loaded asks for all their data in one batch", async ({
  agentPage: page,
  queueTickets,
}) => {
  expect(queueTickets).toHaveLength(3);
  // A ticket address loads the page's parts (their code) without rendering them when the ticket
  // is missing; then a ticket opened from the queue renders them with the ticket and their reads
  // leave together. (That a preloaded part renders without suspending is client/src/lib/preloadable.test.ts.)
  await page.goto('/tickets/00000000-0000-4000-8000-000000000000');
  await expect(page.getByText('Ticket not found').or(page.getByRole('heading', { name: /not found/i }))).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.getByRole('link', { name: 'Queue', exact: true }).first().click();
  const rows = page.getByTestId('queue-row');
  await expect(rows).toHaveCount(3);
  const partsReads: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'GET' && url.pathname === '/api/batch') {
      const paths = url.searchParams.getAll('path');
      // The ticket's own parts (the queue page reads the field definitions and tags too).
      if (paths.some((p) => /^\/api\/tickets\/[^/]+\/(followers|sla|custom-fields|presence)$/.test(p))) {
        partsReads.push(paths.join(' '));
      }
    }
  });
  await rows.first().getByRole('link').first().click();
  await expect(page.getByTestId('ticket-subject')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => partsReads.length).toBe(1);
  for (const part of ['/followers', '/sla', '/custom-fields', '/presence']) {
    expect(partsReads[0]).toContain(part);
  }
  for (const width of [1280, 375]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 860 });
      await page.emulateMedia({ colorScheme });
      await expect(page.getByTestId('ticket-subject')).toBeVisible();
      await screenshot(page, `12e-ticket-parts-${width}-${colorScheme}`);
    }
  }
});

test('an agent changes the priority of several tickets at once from the queue', async ({
  agentPage: page,
  agent,
  queueTickets: tickets,
}) => {
  const rows = await openQueue(page);
  for (const n of [1, 2]) {
    await rows
      .filter({ hasText: `Keyboard ticket ${n}` })
      .getByRole('checkbox')
      .check();
  }
  await expect(page.getByTestId('bulk-bar')).toContainText('2 selected');
  await screenshot(page, '12a-bulk');
  await page.getByRole('button', { name: 'Set priority' }).click();
  await page.getByRole('menuitem', { name: 'Urgent' }).click();
  for (const n of [1, 2]) await expect(rows.filter({ hasText: `Keyboard ticket ${n}` })).toContainText('Urgent');
  await expect(rows.filter({ hasText: 'Keyboard ticket 3' })).not.toContainText('Urgent');

  const urgent = await priorityNamed(agent.api, 'Urgent');
  const changed = await listTickets(agent.api, { priorityId: urgent.id });
  expect(changed.map((t) => t.id).sort()).toEqual([tickets[0]?.id, tickets[1]?.id].sort());
});

test('an agent saves the queue filters as a view and finds it again after a reload', async ({
  agentPage: page,
  agent,
  queueTickets: tickets,
}) => {
  const urgent = await priorityNamed(agent.api, 'Urgent');
  const results = await dataOf(
    agent.api.post('/api/tickets/bulk', {
      data: { ticketIds: [tickets[0]?.id, tickets[1]?.id], changes: { priorityId: urgent.id } },
    }),
    z.array(bulkResultSchema),
  );
  expect(results.map((r) => r.ok)).toEqual([true, true]);

  const rows = await openQueue(page);
  await pick(page, 'Priority', 'Urgent');
  await expect(rows).toHaveCount(2);
  await page.getByRole('button', { name: 'Save current filters' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill('Urgent work');
  await page.getByRole('button', { name: 'Save view' }).click();

  await openQueue(page);
  await page.locator('label', { hasText: /^Urgent work$/ }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Keyboard ticket 3' })).toHaveCount(0);
});

test('"Recently closed" lists closed tickets by their last activity: a reply after closing comes first', async ({
  agentPage: page,
  agent,
  queueTickets: tickets,
}) => {
  const statuses = await dataOf(agent.api.get('/api/statuses'), z.array(ticketStatusSchema));
  const closed = statuses.find((s) => s.name === 'Closed');
  const close = async (ticket: Ticket | undefined) => {
    const results = await dataOf(
      agent.api.post('/api/tickets/bulk', { data: { ticketIds: [ticket?.id], changes: { statusId: closed?.id } } }),
      z.array(bulkResultSchema),
    );
    expect(results.map((r) => r.ok)).toEqual([true]);
  };
  // Closed in the order 1, then 3; then a reply on 1 makes it the most recently active (newest
  // first by creation would be 3, then 1).
  await close(tickets[0]);
  await close(tickets[2]);
  await addMessage(agent.api, tickets[0]?.id ?? '', 'One more thing after closing.');

  await page.goto('/queue');
  await page.locator('label', { hasText: /^Recently closed$/ }).click();
  const rows = page.getByTestId('queue-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Keyboard ticket 1');
  await expect(rows.nth(1)).toContainText('Keyboard ticket 3');
  for (const width of [1280, 375]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 860 });
      await page.emulateMedia({ colorScheme });
      await expect(rows.nth(0)).toContainText('Keyboard ticket 1');
      await screenshot(page, `12d-recently-closed-${width}-${colorScheme}`);
    }
  }
});

test('a search with no match among the newest tickets offers to search older ones', async ({
  agentPage: page,
  queueTickets,
}) => {
  expect(queueTickets).toHaveLength(3);
  // A common word's search examines a share of the tickets per page (5,000, newest first): a helpdesk
  // big enough for a page with no match yet is too big for this test, so the first page is answered
  // as the server answers then: no items and a cursor that goes on after the last ticket examined
  // (here one older than nothing, so the next, real page holds every match).
  const after = ['created_at', 'desc', '2999-01-01 00:00:00+00', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
  await answerRead(
    page,
    (url) =>
      url.pathname === '/api/tickets' && url.searchParams.get('q') === 'Keyboard' && !url.searchParams.has('cursor'),
    { success: true, data: [], meta: { nextCursor: Buffer.from(JSON.stringify(after)).toString('base64url') } },
  );
  await page.goto('/queue?q=Keyboard');
  await expect(page.getByText('No matches among the newest tickets')).toBeVisible();
  await screenshot(page, '12c-search-older');
  await page.getByRole('button', { name: 'Search older tickets' }).click();
  await expect(page.getByTestId('queue-row')).toHaveCount(3);
});
