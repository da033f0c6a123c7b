/**
 * The whole helpdesk through the browser, as each role, on a fresh database:
 * first-run setup → admin creates a department and agents → a customer signs up and files a
 * ticket with an attachment → an agent works it (queue keyboard, assign, internal note, reply) →
 * the customer sees the reply but never the note, is notified, and closes → a stale agent page
 * gets the conflict view; plus XSS, dark mode, 375 px and axe-core checks.
 * Tests run in order and build on each other (one server, one database).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  apiCall,
  launch,
  newUserContext,
  pick,
  screenshot,
  seriousA11yViolations,
  signIn,
  tinyPng,
  watchErrors,
} from './support/browser';

const password = 'correct horse battery staple';
const admin = { name: 'Ada Admin', email: 'ada@example.test', password };
const agent = { name: 'Alan Agent', email: 'alan@example.test', password };
const agent2 = { name: 'Grace Agent', email: 'grace@example.test', password };
const customer = { name: 'Carla Customer', email: 'carla@example.test', password };
const department = 'Billing';
const subject = 'Invoice 2024-117 charged twice';
const noteText = 'Internal: refund approved by finance, do not tell the amount yet';
const replyText = 'Hello Carla, we have refunded the duplicate charge.';

let browser: Browser;
let adminCtx: BrowserContext;
let adminPage: Page;
const ticketId = '';
const a11y: Record<string, unknown[]> = {};

async function a11yCheck(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  const violations = await seriousA11yViolations(page);
  a11y[name] = violations;
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
  adminCtx = await newUserContext(browser);
  adminPage = await adminCtx.newPage();
});

afterAll(async () => {
  await browser?.close();
});

describe('first run and sign-in', () => {
  test('a fresh install sends the visitor to the setup page, which creates the first super admin', async () => {
    const errors = watchErrors(adminPage);
    await adminPage.goto('/');
    await adminPage.waitForURL('**/setup');
    await expect.poll(() => adminPage.getByRole('heading', { name: 'Set up your helpdesk' }).isVisible()).toBe(true);
    await a11yCheck(adminPage, 'setup');
    await screenshot(adminPage, '01-setup');

    // A too-short password is refused next to the field.
    await adminPage.getByLabel('Your name').fill(admin.name);
    await adminPage.getByLabel('Email').fill(admin.email);
    await adminPage.getByLabel('Password').fill('short');
    await adminPage.getByRole('button', { name: 'Create administrator' }).click();
    await expect.poll(() => adminPage.locator('[id$="-error"]').count()).toBeGreaterThan(0);

    await adminPage.getByLabel('Password').fill(admin.password);
    await adminPage.getByRole('button', { name: 'Create administrator' }).click();
    await adminPage.waitForURL('**/queue');
    expect(errors).toEqual([]);

    // Setup is gone for good.
    const again = await apiCall<{ needed: boolean }>(adminCtx, 'GET', '/api/setup');
    expect(again.status === 404 || again.data.needed === false).toBe(true);
  });

  test('sign out, then sign in again; a protected page comes back after sign-in', async () => {
    await adminPage.getByTestId('user-menu').click();
    await adminPage.getByTestId('sign-out').click();
    await adminPage.waitForURL('**/sign-in');
    await adminPage.goto('/admin/users');
    await adminPage.waitForURL(/\/sign-in\?next=/);
    await a11yCheck(adminPage, 'sign-in');
    await screenshot(adminPage, '02-sign-in');

    await adminPage.getByLabel('Email').fill(admin.email);
    await adminPage.getByLabel('Password', { exact: true }).fill('wrong password 123');
    await adminPage.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => adminPage.getByRole('alert').first().isVisible()).toBe(true);

    await adminPage.getByLabel('Password', { exact: true }).fill(admin.password);
    await adminPage.getByRole('button', { name: 'Sign in' }).click();
    await adminPage.waitForURL('**/admin/users');
  });
});

describe('admin', () => {
  test('creates a department and two agents from the admin pages', async () => {
    await adminPage.goto('/admin/departments');
    await adminPage.getByRole('button', { name: 'New department' }).click();
    const dialog = adminPage.getByRole('dialog');
    await dialog.getByLabel('Name').fill(department);
    await dialog.getByLabel('Description').fill('Invoices, refunds and payments');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => adminPage.getByTestId('department').filter({ hasText: department }).count()).toBe(1);
    await a11yCheck(adminPage, 'admin-departments');

    for (const a of [agent, agent2]) {
      await adminPage.goto('/admin/users');
      await adminPage.getByRole('button', { name: 'New user' }).click();
      const form = adminPage.getByRole('dialog');
      await form.getByLabel('Name').fill(a.name);
      await form.getByLabel('Email').fill(a.email);
      await pick(adminPage, 'Role', 'AGENT');
      await pick(adminPage, 'Departments', department);
      await adminPage.keyboard.press('Escape');
      await form.getByLabel('Password').fill(a.password);
      await form.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => adminPage.getByTestId('users-table').getByText(a.email).count()).toBe(1);
    }
    await a11yCheck(adminPage, 'admin-users');
    await screenshot(adminPage, '03-admin-users');
  });
});
