/**
 * The main flows once in German (project `de`: a German browser, so the client picks German):
 * signing in with its errors, the throttle's message, filing a ticket and replying, the admin's
 * roles page and settings, and the language a user chooses for themselves.
 */
import { userEnvelopeSchema } from '@helpdesk/contract';
import { expect, test } from './fixtures.js';
import { dataOf, unique } from './support/api.js';
import { failSignIn, field, screenshot } from './support/page.js';

test('the sign-in page is German, and its errors are German sentences', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', /^de/);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByText('Geben Sie Ihre E-Mail-Adresse ein.')).toBeVisible();
  await expect(page.getByText('Geben Sie Ihr Passwort ein.')).toBeVisible();
  await page.getByLabel('E-Mail').fill(`niemand-${unique()}@example.test`);
  await page.getByRole('textbox', { name: 'Passwort' }).fill('nicht das Passwort 1');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'E-Mail-Adresse oder Passwort ist falsch.' })).toBeVisible();
  await screenshot(page, 'de-02-sign-in-error');
});

test('after too many wrong passwords the German sign-in page says when to try again', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('E-Mail').fill(`niemand-${unique()}@example.test`);
  await page.getByRole('textbox', { name: 'Passwort' }).fill('nicht das Passwort 1');
  await failSignIn(page, 5, 'Anmelden');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(
    // The wait is the server's Retry-After: a minute, or the seconds left of it.
    page.getByRole('alert').filter({
      hasText: /^Zu viele Versuche\. Versuchen Sie es in (1 Minute|\d+ Sekunden) noch einmal\.$/,
    }),
  ).toHaveCount(1);
});

test('a customer files a ticket and an agent replies, in German', async ({ openPage, customer, agent, department }) => {
  const subject = `Rechnung ${unique()} doppelt abgebucht`;
  const customerPage = await openPage(customer);
  await customerPage.goto('/tickets');
  await customerPage.getByRole('link', { name: 'Neues Ticket' }).first().click();
  await customerPage.waitForURL('**/tickets/new');
  // The ticket pages' own words come from the tickets catalogue; the fields are found by role.
  await customerPage.getByRole('combobox', { name: /^(Abteilung|Department)/ }).click();
  await customerPage.getByRole('option', { name: department.name, exact: true }).click();
  await customerPage.getByRole('textbox', { name: /^(Betreff|Subject)/ }).fill(subject);
  await customerPage.getByRole('textbox', { name: /^(Beschreibung|Description)/ }).fill('Bitte erstatten.');
  await customerPage.locator('form button[type=submit]').click();
  await customerPage.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
  await expect(customerPage.getByTestId('ticket-subject')).toContainText(subject);
  const ticketUrl = new URL(customerPage.url()).pathname;

  const agentPage = await openPage(agent);
  await agentPage.goto(ticketUrl);
  await expect(agentPage.getByRole('link', { name: 'Warteschlange', exact: true })).toBeVisible();
  await agentPage.getByTestId('composer').fill('Wir haben die doppelte Abbuchung erstattet.');
  await agentPage.getByTestId('composer').press('Control+Enter');
  await expect(agentPage.getByTestId('message').filter({ hasText: 'doppelte Abbuchung' })).toHaveCount(1);

  await customerPage.reload();
  const reply = customerPage.getByTestId('message').filter({ hasText: 'doppelte Abbuchung' });
  await expect(reply).toHaveCount(1);
  // Times are German too ("jetzt", "vor 1 Minute").
  await expect(customerPage.locator('time').first()).toHaveText(/jetzt|vor /);
});

test('the roles page names permissions and roles for people, in German', async ({ adminPage }) => {
  await adminPage.goto('/admin/roles');
  await expect(adminPage.getByRole('heading', { level: 1, name: 'Rollen und Berechtigungen' })).toBeVisible();
  const matrix = adminPage.getByTestId('permission-matrix');
  await expect(matrix.getByText('Tickets erstellen', { exact: true })).toBeVisible();
  await expect(matrix.getByText('Personen und Teams')).toBeVisible();
  await expect(matrix.getByTestId('role-name').filter({ hasText: 'Super-Admin' })).toHaveCount(1);
  await expect(matrix).not.toContainText('tickets.view_own');
  // The key is in the tooltip.
  await matrix.getByText('Eigene Tickets sehen', { exact: true }).hover();
  await expect(adminPage.getByRole('tooltip')).toContainText('tickets.view_own');
});

test("a user's own language wins over the browser's, on every device", async ({ newAccount, openPage }) => {
  const agent = await newAccount('AGENT');
  const page = await openPage(agent);
  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 1, name: 'Profil' })).toBeVisible();
  await field(page, 'Sprache').click();
  await page.getByRole('option', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Sprache speichern' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
  expect((await dataOf(agent.api.get('/api/auth/me'), userEnvelopeSchema)).user.locale).toBe('en');

  // Another (German) browser of the same user shows English too.
  const other = await openPage(agent);
  await other.goto('/profile');
  await expect(other.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();

  // The account menu switches back, for the account.
  await other.getByTestId('user-menu').click();
  await other.getByTestId('language-de').click();
  await expect(other.getByRole('heading', { level: 1, name: 'Profil' })).toBeVisible();
  await expect
    .poll(async () => (await dataOf(agent.api.get('/api/auth/me'), userEnvelopeSchema)).user.locale)
    .toBe('de');
});

test('the language switcher on the sign-in page, kept in this browser', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByTestId('language-picker').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});
