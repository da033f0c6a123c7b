/** Tags (issue 16): an agent tags two tickets in bulk from the queue, filters by the tag, takes it off one and types two onto another. */
import type { Ticket } from '@helpdesk/contract';
import { test as base, expect } from './fixtures.js';
import { fileTicket, listTickets, unique } from './support/api.js';
import { field, pick, screenshot } from './support/page.js';

const test = base.extend<{ taggedTickets: Ticket[] }>({
  /** Three tickets in the agent's department, `Tag ticket 1` to `3`. */
  taggedTickets: async ({ customer, department }, use) => {
    const tickets: Ticket[] = [];
    for (const n of [1, 2, 3]) {
      tickets.push(await fileTicket(customer.api, department, { subject: `Tag ticket ${n}` }));
    }
    await use(tickets);
  },
});

test('an agent tags two tickets in bulk from the queue and filters the queue by the tag', async ({
  agentPage: page,
  agent,
  customer,
  taggedTickets: tickets,
}) => {
  const tag = `billing-${unique()}`;
  await page.goto('/queue');
  const rows = page.getByTestId('queue-row');
  await expect(rows).toHaveCount(3);
  for (const n of [1, 2]) {
    await rows
      .filter({ hasText: `Tag ticket ${n}` })
      .getByRole('checkbox')
      .check();
  }
  await page.getByTestId('bulk-tags').click();
  await field(page, 'Tag').fill(tag);
  await page.getByRole('button', { name: 'Add to all' }).click();
  for (const n of [1, 2]) {
    await expect(rows.filter({ hasText: `Tag ticket ${n}` }).getByTestId('tag-chip')).toHaveText(tag);
  }
  await expect(rows.filter({ hasText: 'Tag ticket 3' }).getByTestId('tag-chip')).toHaveCount(0);

  // The filter: only the two tagged tickets, and the address keeps it. While a longer prefix's
  // suggestions load (held here until the pick is made), the last ones stay to be picked.
  const box = page.getByTestId('tag-filter');
  const searched = (url: URL, q: string) => url.pathname === '/api/tags' && url.searchParams.get('q') === q;
  const [prefix, longer] = [tag.slice(0, 10), tag.slice(0, 12)];
  const suggested = page.waitForResponse((r) => searched(new URL(r.url()), prefix));
  await box.fill(prefix);
  await suggested;
  await expect(page.getByRole('option', { name: tag })).toBeVisible();
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    (url) => searched(url, longer),
    async (route) => {
      await held;
      await route.continue().catch(() => undefined); // the box may have dropped the request by then
    },
  );
  const asked = page.waitForRequest((r) => searched(new URL(r.url()), longer));
  await box.fill(longer);
  await asked;
  await page.getByRole('option', { name: tag }).click();
  release();
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(new RegExp(`tagsAny=${tag}`));
  await screenshot(page, '60-tags-filter');
  // None of: the other ticket.
  await pick(page, 'How the tags filter', 'None of');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Tag ticket 3');

  // The search syntax finds the same two.
  await page.goto('/queue');
  await page.getByRole('searchbox', { name: 'Search' }).fill(`tag:${tag}`);
  await expect(rows).toHaveCount(2);

  // On the ticket page: the tag in the sidebar, taken off, in the history.
  await page.goto(`/tickets/${tickets[0]?.id}`);
  const panel = page.getByTestId('ticket-tags');
  await expect(panel.getByTestId('tag-chip')).toHaveText(tag);
  await panel.getByRole('button', { name: `Remove the tag ${tag}` }).click();
  await expect(panel.getByTestId('tag-chip')).toHaveCount(0);
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByTestId('history')).toContainText(`Tagged “${tag}”`);
  await expect(page.getByTestId('history')).toContainText(`Tag “${tag}” removed`);

  // Two tags in a row from the keyboard: the box keeps the focus after Enter, and opens no list of
  // every tag over the page while it is empty.
  await page.goto(`/tickets/${tickets[2]?.id}`);
  const third = page.getByTestId('ticket-tags');
  await third.getByLabel('Add a tag').click();
  await page.keyboard.type(`${tag}-a`);
  await page.keyboard.press('Enter');
  await expect(third.getByTestId('tag-chip')).toHaveText([`${tag}-a`]);
  await expect(page.getByRole('option', { name: tag, exact: true })).toBeHidden();
  await page.keyboard.type(`${tag}-b`);
  await page.keyboard.press('Enter');
  await expect(third.getByTestId('tag-chip')).toHaveText([`${tag}-a`, `${tag}-b`]);

  const tagged = await listTickets(agent.api, { tagsAny: tag });
  expect(tagged.map((t) => t.id)).toEqual([tickets[1]?.id]);
  // Customers never see tags.
  const own = await listTickets(customer.api, {});
  expect(own.every((t) => t.tags === undefined)).toBe(true);
});

test('an admin renames a tag and merges it into another on the tags page', async ({
  adminPage: page,
  agent,
  taggedTickets: tickets,
}) => {
  const [a, b] = [`refund-${unique()}`, `refunds-${unique()}`];
  for (const [ticket, name] of [
    [tickets[0], a],
    [tickets[1], a],
    [tickets[1], b],
  ] as const) {
    const res = await agent.api.post(`/api/tickets/${ticket?.id}/tags`, { data: { name } });
    expect(res.status()).toBe(200);
  }
  await page.goto('/admin/tags');
  const row = (name: string) => page.getByTestId('tags-table').getByRole('row').filter({ hasText: name });
  const count = (name: string) => row(name).getByRole('cell').nth(1);
  await expect(count(a)).toHaveText('2');

  // Renaming to the other tag's name (any case) is refused; to a new name it works.
  await row(a).getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog');
  await field(dialog, 'Name').fill(b.toUpperCase());
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toContainText('Another tag already has this name');
  const renamed = `${a}-renamed`;
  await field(dialog, 'Name').fill(renamed);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(count(renamed)).toHaveText('2');

  // Merge: the renamed tag's tickets get b (the second had both), and the renamed tag is gone.
  await row(renamed).getByRole('button', { name: 'Merge' }).click();
  await pick(page, 'Into', b, page.getByRole('dialog'));
  await page.getByRole('dialog').getByRole('button', { name: 'Merge' }).click();
  await expect(row(renamed)).toHaveCount(0);
  await expect(count(b)).toHaveText('2');
  const tagged = await listTickets(agent.api, { tagsAll: b });
  expect(tagged.map((t) => t.id).sort()).toEqual([tickets[0]?.id, tickets[1]?.id].sort());
});
