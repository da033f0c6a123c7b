/**
 * A tab opened before an update asks for the previous build's chunks, which are gone (404): it
 * reloads itself once to get the new build, and a chunk that keeps failing shows the page error
 * with a reload button rather than a blank page.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const newTicketChunk = '**/assets/new-ticket-page-*.js';
/** How the page now shown was loaded: 'reload' once the tab reloaded itself. */
const navigationType = (page: Page) =>
  page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type);
const newTicketLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'New ticket' });

test('a page whose code is gone after an update reloads the tab once and then shows', async ({
  customerPage: page,
}) => {
  await page.goto('/tickets');
  await expect(newTicketLink(page)).toBeVisible();
  // The new-ticket page's chunk is not loaded yet; it is gone as after a deploy, until the tab
  // reloads (and, in real life, gets the new build's index.html with the new chunks' names).
  let gone = true;
  page.once('load', () => {
    gone = false;
  });
  await page.route(newTicketChunk, (route) => (gone ? route.fulfill({ status: 404, body: 'gone' }) : route.fallback()));
  await newTicketLink(page).click();

  await expect(page.getByLabel('Subject')).toBeVisible();
  expect(await navigationType(page)).toBe('reload');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a page whose code keeps failing shows an error with a reload button, not a blank page', async ({
  customerPage: page,
}) => {
  await page.goto('/tickets');
  await page.route(newTicketChunk, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await newTicketLink(page).click();

  // One reload, then the route's error (no reload loop).
  const failed = page.getByRole('alert').filter({ hasText: 'This page could not be shown' });
  await expect(failed).toBeVisible();
  await expect(page).toHaveURL(/\/tickets\/new$/);
  // The header and navigation stay around the error.
  await expect(newTicketLink(page)).toBeVisible();
  const reloads = await page.evaluate(() => sessionStorage.getItem('helpdesk.reloadedForUpdate'));
  expect(Number(reloads)).toBeGreaterThan(0);

  // Once the code is there again, the button brings the page back.
  await page.unroute(newTicketChunk);
  await failed.getByRole('button', { name: 'Reload page' }).click();
  await expect(page.getByLabel('Subject')).toBeVisible();
});

test('a ticket opened from the list after an update reloads once and shows the ticket', async ({
  customerPage: page,
  ticket,
}) => {
  await page.goto('/tickets');
  const row = page.getByRole('link', { name: new RegExp(ticket.subject) }).first();
  await expect(row).toBeVisible();
  // The old build's chunk is gone until the tab loads the page again (the prefetch on hover fails
  // quietly; opening the ticket reloads the tab once).
  let reloaded = false;
  page.on('request', (request) => {
    if (request.isNavigationRequest()) reloaded = true;
  });
  await page.route('**/assets/ticket-page-*.js', (route) =>
    reloaded ? route.continue() : route.fulfill({ status: 404, body: 'gone' }),
  );
  await row.click();

  await expect(page.getByTestId('ticket-subject')).toContainText(ticket.subject);
  expect(reloaded).toBe(true);
  expect(await navigationType(page)).toBe('reload');
});
