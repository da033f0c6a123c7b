/** Markup that users type is shown as text and never runs: ticket pages and search snippets. */

import { expect, test } from './fixtures.js';
import { addMessage, fileTicket } from './support/api.js';
import { screenshot } from './support/page.js';

// With the app's Content-Security-Policy off, so the test proves the pages escape what they show
// (the CSP is the second line of defence, not the only one).
test.use({ bypassCSP: true });

const xssSubject = '<img src=x onerror="window.__xss=1"> XSS probe';
const xssBody = '<script>window.__xss=2</script><b>bold?</b> searchable probe';
const injected = () => (window as unknown as { __xss?: number }).__xss;

test('an XSS payload in a subject and a body shows as text and never runs, also in search snippets', async ({
  customerPage,
  agentPage,
  customer,
  department,
}) => {
  const ticket = await fileTicket(customer.api, department, { subject: xssSubject, description: xssBody });
  await addMessage(customer.api, ticket.id, xssBody);

  await customerPage.goto(`/tickets/${ticket.id}`);
  await expect(customerPage.getByTestId('ticket-subject')).toContainText('<img src=x');
  await expect(customerPage.getByTestId('ticket-description')).toContainText('<script>window.__xss=2</script>');
  await expect(customerPage.getByTestId('message').filter({ hasText: '<b>bold?</b>' })).toHaveCount(1);
  expect(await customerPage.evaluate(injected)).toBeUndefined();
  await expect(customerPage.locator('img[src=x]')).toHaveCount(0);
  await screenshot(customerPage, '10-xss-as-text');

  await agentPage.goto('/queue?q=probe');
  await expect(agentPage.getByTestId('queue-row').filter({ hasText: 'XSS probe' })).toHaveCount(1);
  await expect(agentPage.locator('[data-testid=queue] mark').first()).toBeVisible();
  expect(await agentPage.evaluate(injected)).toBeUndefined();
  await expect(agentPage.locator('img[src=x]')).toHaveCount(0);
  await screenshot(agentPage, '11-search-snippets');
  // Uncaught page errors fail the test too (the fixtures watch every page).
});
