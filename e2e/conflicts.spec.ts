/** Two agents change one ticket: the one with the stale page sees what changed and decides. */

import { expect, test } from './fixtures.js';
import { getTicket, priorities } from './support/api.js';
import { field, pick, screenshot } from './support/page.js';

test('an agent with a stale page gets the conflict view and can re-apply the change', async ({
  agentPage: page,
  agent,
  newAccount,
  department,
  ticket,
}) => {
  const others = (await priorities(agent.api)).filter((p) => p.id !== ticket.priority.id);
  const [theirs, mine] = others;
  if (!theirs || !mine) throw new Error('the default data has fewer than three priorities');
  await page.goto(`/tickets/${ticket.id}`);
  await expect(field(page, 'Priority')).toBeVisible();

  // A second agent changes the priority behind the first agent's back.
  const colleague = await newAccount('AGENT', [department]);
  const changed = await colleague.api.patch(`/api/tickets/${ticket.id}`, {
    data: { version: ticket.version, priorityId: theirs.id },
  });
  expect(changed.status()).toBe(200);

  await pick(page, 'Priority', mine.name);
  const conflict = page.getByTestId('conflict-view');
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText(theirs.name);
  await screenshot(page, '09-conflict');
  await page.getByRole('button', { name: 'Re-apply my change' }).click();
  await expect(conflict).toHaveCount(0);
  expect((await getTicket(agent.api, ticket.id)).ticket.priority.id).toBe(mine.id);
});
