/**
 * What a test asks for, made for it alone through the API: its own department, agent, customer
 * and ticket (unique names and e-mails), and pages signed in as them. So every test runs alone
 * (`npx playwright test -g 'name'`), in any order and next to any other.
 *
 * The first super admin (global-setup.ts) is shared: tests may use it (`adminApi`, `adminPage`)
 * but never sign it out or change instance-wide settings; a test that must do that takes a
 * `freshServer` of its own.
 */
import type { Department, SystemRoleName, Ticket } from '@helpdesk/contract';
import { type APIRequestContext, test as base, expect, type Page } from '@playwright/test';
import { adminStateFile } from './global-setup.js';
import { type Account, createAccount, createDepartment, fileTicket, newAddress } from './support/api.js';
import { type FreshServer, startFreshServer } from './support/fresh-server.js';

interface TestFixtures {
  /** A department of this test's own. */
  department: Department;
  /** Makes another account with the role (and departments), signed in from its own address. */
  newAccount: (role: SystemRoleName, departments?: Department[]) => Promise<Account>;
  /** An agent in `department`. */
  agent: Account;
  customer: Account;
  /** A ticket `customer` filed in `department`. */
  ticket: Ticket;
  /**
   * Opens a page in a browser context of its own with this test's options (viewport, colour
   * scheme …): signed in as the account (its session's storage state) or as the first super
   * admin, or (no argument) signed out. `baseURL` points it at another server (`freshServer`).
   */
  openPage: (account?: Account | 'admin', options?: { baseURL?: string }) => Promise<Page>;
  adminPage: Page;
  agentPage: Page;
  customerPage: Page;
  /** A server of its own on a fresh database (e2e/support/fresh-server.ts). */
  freshServer: FreshServer;
}

interface WorkerFixtures {
  /** The JSON API as the first super admin. */
  adminApi: APIRequestContext;
}

/** Fails the test on any uncaught error in the page (an injected script that ran often shows here). */
function watchErrors(page: Page): () => void {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
  return () => expect(errors, 'uncaught errors in the page').toEqual([]);
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  adminApi: [
    async ({ playwright }, use, workerInfo) => {
      const api = await playwright.request.newContext({
        baseURL: workerInfo.project.use.baseURL,
        storageState: adminStateFile,
        // A connection per request: this context lives as long as the worker, and a kept-alive
        // socket idle for the server's 72 s keep-alive timeout can be closed just as a test sends
        // on it (ECONNRESET in a clean-clone CI, creating a department).
        extraHTTPHeaders: { connection: 'close' },
      });
      await use(api);
      await api.dispose();
    },
    { scope: 'worker' },
  ],

  // Anonymous pages (the built-in `page`) come from an address of their own too.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  extraHTTPHeaders: async ({}, use) => use({ 'x-forwarded-for': newAddress() }),

  page: async ({ page }, use) => {
    const check = watchErrors(page);
    await use(page);
    check();
  },

  department: async ({ adminApi }, use) => use(await createDepartment(adminApi)),

  newAccount: async ({ adminApi, baseURL }, use) => {
    const made: Account[] = [];
    await use(async (role, departments = []) => {
      const account = await createAccount(adminApi, baseURL ?? '', role, departments);
      made.push(account);
      return account;
    });
    for (const account of made) await account.api.dispose();
  },

  agent: async ({ newAccount, department }, use) => use(await newAccount('AGENT', [department])),
  customer: async ({ newAccount }, use) => use(await newAccount('CUSTOMER')),
  ticket: async ({ customer, department }, use) => use(await fileTicket(customer.api, department)),

  openPage: async ({ browser, baseURL, viewport, colorScheme, isMobile, hasTouch, bypassCSP, locale }, use) => {
    const contexts: { close: () => Promise<void> }[] = [];
    const checks: (() => void)[] = [];
    await use(async (account, options = {}) => {
      const context = await browser.newContext({
        baseURL: options.baseURL ?? baseURL,
        viewport,
        colorScheme,
        isMobile,
        hasTouch,
        bypassCSP,
        // The project's browser language (the `de` project runs in German).
        locale,
        storageState: account === 'admin' ? adminStateFile : await account?.api.storageState(),
        extraHTTPHeaders: account === 'admin' || !account ? { 'x-forwarded-for': newAddress() } : account.headers,
      });
      contexts.push(context);
      const page = await context.newPage();
      checks.push(watchErrors(page));
      return page;
    });
    for (const context of contexts) await context.close();
    for (const check of checks) check();
  },

  adminPage: async ({ openPage }, use) => use(await openPage('admin')),
  agentPage: async ({ openPage, agent }, use) => use(await openPage(agent)),
  customerPage: async ({ openPage, customer }, use) => use(await openPage(customer)),

  freshServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
    async ({}, use, testInfo) => {
      const server = await startFreshServer(testInfo.titlePath.at(-1)?.replace(/\W+/g, '-').slice(0, 40) ?? 'fresh');
      await use(server);
      await server.stop();
    },
    // Its own start (migrating a new database) comes on top of the test's time.
    { timeout: 120_000 },
  ],
});

export type { Locator, Page } from '@playwright/test';
export { expect };
