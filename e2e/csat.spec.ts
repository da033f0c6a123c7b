/** Satisfaction ratings (issue 20): a customer rates a resolved ticket, an agent sees it. */
import { ratingLinkIssuedSchema, type Ticket, ticketStatusSchema } from '@helpdesk/contract';
import type { APIRequestContext } from '@playwright/test';
import { z } from 'zod';
import { expect, test } from './fixtures.js';
import { dataOf, getTicket } from './support/api.js';
import { expectNoSeriousA11yViolations, pick, screenshot } from './support/page.js';

async function resolve(agentApi: APIRequestContext, ticket: Pick<Ticket, 'id'>) {
  const statuses = await dataOf(agentApi.get('/api/statuses'), z.array(ticketStatusSchema));
  const resolved = statuses.find((s) => s.isClosed);
  if (!resolved) throw new Error('no closed status');
  const { ticket: current } = await getTicket(agentApi, ticket.id);
  const res = await agentApi.patch(`/api/tickets/${ticket.id}`, {
    data: { version: current.version, statusId: resolved.id },
  });
  expect(res.status()).toBe(200);
}

test('a customer rates a resolved ticket on its page; the agent sees the rating, in the queue filter and on the dashboard', async ({
  agent,
  ticket,
  customerPage: page,
  agentPage,
}) => {
  await resolve(agent.api, ticket);

  await page.goto(`/tickets/${ticket.id}`);
  const panel = page.getByTestId('ticket-rating');
  await expect(page.getByRole('heading', { name: 'How did we do?' })).toBeVisible();
  await panel.getByRole('button', { name: 'Bad' }).click();
  await panel.getByLabel('Comment (optional)').fill('Took <b>too</b> long');
  await panel.getByRole('button', { name: 'Send rating' }).click();
  await expect(panel.getByRole('status')).toHaveText('Thank you for your rating.');
  await expect(panel.getByTestId('rating-badge')).toHaveText('Bad');
  // Changeable for 7 days.
  await panel.getByRole('button', { name: 'Good' }).click();
  await panel.getByRole('button', { name: 'Change rating' }).click();
  await expect(panel.getByTestId('rating-badge')).toHaveText('Good');
  await screenshot(page, '60-csat-customer');
  await expectNoSeriousA11yViolations(page);

  await agentPage.goto(`/tickets/${ticket.id}`);
  const staffPanel = agentPage.getByTestId('ticket-rating');
  await expect(staffPanel.getByTestId('rating-badge')).toHaveText('Good');
  // The comment is text, not HTML.
  await expect(staffPanel.getByTestId('rating-comment')).toHaveText('Took <b>too</b> long');
  await expect(staffPanel.getByRole('button', { name: 'Good' })).toHaveCount(0);

  await agentPage.goto('/queue?status=any');
  await pick(agentPage, 'Rating', 'Good');
  await expect(agentPage).toHaveURL(/rating=good/);
  await expect(agentPage.getByTestId('queue-row').filter({ hasText: ticket.subject })).toHaveCount(1);
  await pick(agentPage, 'Rating', 'Bad');
  await expect(agentPage.getByTestId('queue-row')).toHaveCount(0);

  await agentPage.goto('/dashboard');
  await expect(agentPage.getByRole('heading', { name: 'Customer satisfaction' })).toBeVisible();
  await expect(agentPage.getByTestId('csat-last7Days')).toContainText('100 %');
  await expect(agentPage.getByRole('link', { name: `#${ticket.number}` })).toBeVisible();
  await screenshot(agentPage, '61-csat-dashboard');
  await expectNoSeriousA11yViolations(agentPage);
});

test('a rating link works once without signing in', async ({ agent, customer, ticket, page }) => {
  await resolve(agent.api, ticket);
  const { path } = await dataOf(
    customer.api.post(`/api/tickets/${ticket.id}/satisfaction/link`, { data: {} }),
    ratingLinkIssuedSchema,
  );

  await page.goto(path);
  await expect(page.getByRole('heading', { name: `Rate ticket #${ticket.number}` })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Good' }).click();
  await page.getByLabel('Comment (optional)').fill('Quick and friendly');
  await page.getByRole('button', { name: 'Send rating' }).click();
  await expect(page.getByTestId('rating-saved')).toContainText('Thank you! Your rating was saved.');

  // Used up: the same link no longer works.
  await page.goto(path);
  await expect(page.getByTestId('rating-link-invalid')).toBeVisible();
  // A link cut short on its way.
  await page.goto(path.slice(0, -5));
  await expect(page.getByTestId('malformed-link')).toBeVisible();
  const { ratings } = await dataOf(
    agent.api.get(`/api/tickets/${ticket.id}/satisfaction`),
    z.object({ ratings: z.array(z.object({ rating: z.string().nullable(), comment: z.string().nullable() })) }),
  );
  expect(ratings[0]).toEqual({ rating: 'good', comment: 'Quick and friendly' });
});
