/** What the specs do with a page: Mantine fields, the sign-in form, screenshots, axe-core. */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** Screenshots go next to the server log, for people to look at (nothing compares them). */
export const outputDir = path.resolve(import.meta.dirname, '..', 'output');

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(outputDir, `${name}.png`), fullPage: true });
}

/** A Mantine Select (role combobox) or text field by its label. */
export function field(scope: Page | Locator, label: string): Locator {
  return scope
    .getByRole('combobox', { name: label, exact: true })
    .or(scope.getByRole('textbox', { name: label, exact: true }))
    .first();
}

/** Picks an option of a Mantine Select/MultiSelect by its label. */
export async function pick(page: Page, label: string, option: string, scope: Page | Locator = page): Promise<void> {
  await field(scope, label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Fills and sends the sign-in form (the page must show it). */
export async function fillSignIn(page: Page, credentials: { email: string; password: string }): Promise<void> {
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel(/^Password/).fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Sends the sign-in form (filled with a wrong password) `times` times, each answered 401: the
 * throttle's limit for that account from this address is then reached.
 */
export async function failSignIn(page: Page, times: number, button: string): Promise<void> {
  for (let i = 0; i < times; i++) {
    const answer = page.waitForResponse('**/api/auth/login');
    await page.getByRole('button', { name: button }).click();
    expect((await answer).status()).toBe(401);
  }
}

/** Signs in on the sign-in page and waits until the app has left it. */
export async function signInUi(page: Page, credentials: { email: string; password: string }): Promise<void> {
  await page.goto('/sign-in');
  await fillSignIn(page, credentials);
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

export async function signOutUi(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL('**/sign-in');
}

/** Runs axe-core on the page as it is now; serious and critical violations fail the test. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  expect(serious, `axe-core on ${page.url()}`).toEqual([]);
}

/**
 * Answers the API reads that `matches` with `body`, whether the page sends the read alone or in a
 * `GET /api/batch` with others (the client batches reads asked for together): in a batch, the
 * others get the server's real answers.
 */
export async function answerRead(page: Page, matches: (read: URL) => boolean, body: unknown): Promise<void> {
  await page.route(
    (url) => url.pathname === '/api/batch' || matches(url),
    async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname !== '/api/batch') return route.fulfill({ json: body });
      const hits = url.searchParams.getAll('path').map((p) => matches(new URL(p, url)));
      if (!hits.includes(true)) return route.continue();
      const response = await route.fetch();
      const batch = (await response.json()) as { data: Array<{ status: number; body: unknown }> };
      hits.forEach((hit, i) => {
        if (hit) batch.data[i] = { status: 200, body };
      });
      return route.fulfill({ response, json: batch });
    },
  );
}
