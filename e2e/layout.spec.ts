/** Dark mode and the 375 px layout (screenshots of both). */

import { expect, test } from './fixtures.js';
import { screenshot } from './support/page.js';

test.describe('with the system in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('dark mode follows the system and can be switched', async ({ customerPage: page, ticket }) => {
    const scheme = page.locator('html');
    await page.goto('/tickets');
    await expect(scheme).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expect(page.getByText(ticket.subject)).toBeVisible();
    await screenshot(page, '12-dark-my-tickets');
    await page.goto(`/tickets/${ticket.id}`);
    await expect(page.getByTestId('ticket-subject')).toBeVisible();
    await screenshot(page, '13-dark-ticket');
    await page.getByTestId('color-scheme-toggle').click();
    await expect(scheme).toHaveAttribute('data-mantine-color-scheme', 'light');
  });
});

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the queue, a ticket and the new-ticket form fit 375 px without scrolling sideways', async ({
    agentPage: page,
    ticket,
  }) => {
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const [path, ready, name] of [
      ['/queue', page.getByTestId('queue-row').first(), '14-mobile-queue'],
      [`/tickets/${ticket.id}`, page.getByTestId('ticket-subject'), '15-mobile-ticket'],
      ['/tickets/new', page.getByLabel('Subject'), '16-mobile-new-ticket'],
    ] as const) {
      await page.goto(path);
      await expect(ready).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await overflow(), `${path} overflows horizontally`).toBeLessThanOrEqual(0);
      await screenshot(page, name);
    }
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await expect(page.getByRole('link', { name: 'Queue' })).toBeVisible();
  });
});
