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
import { admin, password } from './support/accounts.js';
import {
  apiCall,
  baseUrl,
  field,
  launch,
  newUserContext,
  pick,
  screenshot,
  seriousA11yViolations,
  signIn,
  tinyPng,
  watchErrors,
} from './support/browser.js';

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
let ticketId = '';
const a11y: Record<string, unknown[]> = {};

/** Runs axe on the page; the last test asserts them all (so one finding does not stop the flow). */
async function a11yCheck(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  a11y[name] = await seriousA11yViolations(page);
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
    await adminPage.getByLabel(/^Password/).fill('short');
    await adminPage.getByRole('button', { name: 'Create administrator' }).click();
    await expect.poll(() => adminPage.locator('[id$="-error"]').count()).toBeGreaterThan(0);
    // So is a common one, saying why.
    await adminPage.getByLabel(/^Password/).fill('password1234');
    await adminPage.getByRole('button', { name: 'Create administrator' }).click();
    await expect
      .poll(() =>
        adminPage.locator('[id$="-error"]').filter({ hasText: 'similar to a commonly used password' }).count(),
      )
      .toBe(1);

    await adminPage.getByLabel(/^Password/).fill(admin.password);
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
    await adminPage.getByLabel(/^Password/).fill('wrong password 123');
    await adminPage.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => adminPage.getByRole('alert').first().isVisible()).toBe(true);

    await adminPage.getByLabel(/^Password/).fill(admin.password);
    await adminPage.getByRole('button', { name: 'Sign in' }).click();
    await adminPage.waitForURL('**/admin/users');
  });

  test('after too many wrong passwords from this address the sign-in page says when to try again', async () => {
    const ctx = await newUserContext(browser);
    const page = await ctx.newPage();
    await page.goto('/sign-in');
    // An account nobody uses: the wait applies to this account from this address only.
    await page.getByLabel('Email').fill('nobody@example.test');
    await page.getByLabel(/^Password/).fill('not the password 1');
    for (let i = 0; i < 5; i++) {
      const answer = page.waitForResponse('**/api/auth/login');
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect((await answer).status()).toBe(401);
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Too many attempts. Try again in 1 minute.' }).count())
      .toBe(1);
    await screenshot(page, '02b-sign-in-throttled');
    await ctx.close();
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
      await pick(adminPage, 'Role', 'AGENT', form);
      await pick(adminPage, 'Departments', department, form);
      await adminPage.keyboard.press('Escape');
      await form.getByLabel(/^Password/).fill(a.password);
      await form.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => adminPage.getByTestId('users-table').getByText(a.email).count()).toBe(1);
    }
    await a11yCheck(adminPage, 'admin-users');
    await screenshot(adminPage, '03-admin-users');
  });
});

let customerCtx: BrowserContext;
let customerPage: Page;
let agentCtx: BrowserContext;
let agentPage: Page;

describe('customer files a ticket', () => {
  test('signs up, files a ticket with an attachment and sees it', async () => {
    customerCtx = await newUserContext(browser);
    customerPage = await customerCtx.newPage();
    const errors = watchErrors(customerPage);
    await customerPage.goto('/sign-up');
    await a11yCheck(customerPage, 'sign-up');
    await screenshot(customerPage, '04-sign-up');
    await customerPage.getByLabel('Name').fill(customer.name);
    await customerPage.getByLabel('Email').fill(customer.email);
    await customerPage.getByLabel(/^Password/).fill(customer.password);
    await customerPage.getByRole('button', { name: 'Create account' }).click();
    await customerPage.waitForURL('**/tickets');
    await a11yCheck(customerPage, 'my-tickets-empty');

    await customerPage.getByRole('link', { name: 'New ticket' }).first().click();
    await customerPage.waitForURL('**/tickets/new');
    await pick(customerPage, 'Department', department);
    await customerPage.getByLabel('Subject').fill(subject);
    await customerPage
      .getByLabel('Description')
      .fill('I was charged twice for invoice 2024-117.\nPlease refund the duplicate payment.');
    await customerPage.locator('input[type=file]').setInputFiles({
      name: 'bank-statement.png',
      mimeType: 'image/png',
      buffer: tinyPng,
    });
    await a11yCheck(customerPage, 'new-ticket');
    await screenshot(customerPage, '05-new-ticket');
    await customerPage.getByRole('button', { name: 'Submit ticket' }).click();
    await customerPage.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    ticketId = customerPage.url().split('/').pop() ?? '';
    await expect.poll(() => customerPage.getByTestId('ticket-subject').textContent()).toContain(subject);
    await expect
      .poll(() => customerPage.getByTestId('attachment').filter({ hasText: 'bank-statement.png' }).count())
      .toBe(1);
    expect(errors).toEqual([]);
  });
});

describe('agent works the ticket', () => {
  test('sees it in the queue, opens it with the keyboard, assigns it, adds a note and replies', async () => {
    agentCtx = await newUserContext(browser);
    agentPage = await agentCtx.newPage();
    await signIn(agentPage, agent.email, agent.password);
    await agentPage.waitForURL('**/queue');
    await expect.poll(() => agentPage.getByTestId('queue-row').filter({ hasText: subject }).count()).toBe(1);
    await a11yCheck(agentPage, 'queue');
    await screenshot(agentPage, '06-queue');

    await agentPage.locator('body').press('j');
    await expect.poll(() => agentPage.locator('[data-testid=queue-row][aria-selected=true]').count()).toBe(1);
    await agentPage.keyboard.press('Enter');
    await agentPage.waitForURL(`**/tickets/${ticketId}`);

    await agentPage.getByTestId('assign-to-me').click();
    await expect.poll(() => field(agentPage, 'Assignee').inputValue()).toBe(agent.name);

    await agentPage.locator('body').press('n');
    await expect.poll(() => agentPage.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await agentPage.keyboard.type(noteText);
    await agentPage.locator('input[type=file]').setInputFiles({
      name: 'internal-only.png',
      mimeType: 'image/png',
      buffer: tinyPng,
    });
    await agentPage.getByRole('button', { name: 'Add internal note' }).click();
    const note = agentPage.getByTestId('internal-note').filter({ hasText: noteText });
    await expect.poll(() => note.count()).toBe(1);
    await expect.poll(() => note.getByTestId('attachment').filter({ hasText: 'internal-only.png' }).count()).toBe(1);

    await agentPage.getByTestId('composer').press('Escape');
    await agentPage.locator('body').press('r');
    await expect.poll(() => agentPage.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await agentPage.keyboard.type(replyText);
    await agentPage.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => agentPage.getByTestId('message').filter({ hasText: replyText }).count()).toBe(1);
    await a11yCheck(agentPage, 'ticket-agent');
    await screenshot(agentPage, '07-ticket-agent');

    await agentPage.getByRole('tab', { name: 'History' }).click();
    await expect.poll(() => agentPage.getByTestId('history').isVisible()).toBe(true);
  });
});

describe('customer follows up', () => {
  test('sees the reply but not the internal note', async () => {
    await customerPage.goto(`/tickets/${ticketId}`);
    await expect.poll(() => customerPage.getByTestId('message').filter({ hasText: replyText }).count()).toBe(1);
    expect(await customerPage.content()).not.toContain(noteText);
    expect(await customerPage.getByTestId('internal-note').count()).toBe(0);
    expect(await customerPage.content()).not.toContain('internal-only.png');
    const files = await apiCall(customerCtx, 'GET', `/api/tickets/${ticketId}/attachments`);
    expect(JSON.stringify(files.raw)).not.toContain('internal-only.png');
    const detail = await apiCall(customerCtx, 'GET', `/api/tickets/${ticketId}`);
    expect(JSON.stringify(detail.raw)).not.toContain(noteText);
    await a11yCheck(customerPage, 'ticket-customer');
  });

  test('gets a notification in the bell, without the internal note', async () => {
    await expect
      .poll(
        async () => {
          await customerPage.reload();
          return customerPage.getByTestId('notification-bell').getAttribute('aria-label');
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toMatch(/unread/);
    await customerPage.getByTestId('notification-bell').click();
    await expect.poll(() => customerPage.getByTestId('notification-list').locator('button').count()).toBeGreaterThan(0);
    expect(await customerPage.getByTestId('notification-list').textContent()).not.toContain(noteText);
    await screenshot(customerPage, '08-ticket-customer-notifications');
    await customerPage.keyboard.press('Escape');
  });

  test('closes the ticket', async () => {
    await customerPage.getByRole('button', { name: 'Close ticket' }).click();
    await expect.poll(() => customerPage.getByRole('button', { name: 'Reopen ticket' }).count()).toBe(1);
    const detail = await apiCall<{ ticket: { status: { isClosed: boolean } } }>(
      customerCtx,
      'GET',
      `/api/tickets/${ticketId}`,
    );
    expect(detail.data.ticket.status.isClosed).toBe(true);
  });
});

describe('concurrent edits', () => {
  test('an agent with a stale page gets the conflict view and can re-apply the change', async () => {
    const priorities = (await apiCall<{ id: string; name: string }[]>(agentCtx, 'GET', '/api/priorities')).data;
    await agentPage.goto(`/tickets/${ticketId}`);
    const shown = (
      await apiCall<{ ticket: { version: number; priority: { id: string } } }>(
        agentCtx,
        'GET',
        `/api/tickets/${ticketId}`,
      )
    ).data.ticket;
    const others = priorities.filter((p) => p.id !== shown.priority.id);
    const theirs = others[0];
    const mine = others[1];
    if (!theirs || !mine) throw new Error('need three priorities');
    await expect.poll(() => field(agentPage, 'Priority').isVisible()).toBe(true);

    // A second agent changes the priority behind the first agent's back.
    const otherCtx = await newUserContext(browser);
    const login = await apiCall(otherCtx, 'POST', '/api/auth/login', {
      email: agent2.email,
      password: agent2.password,
    });
    expect(login.status).toBe(200);
    const changed = await apiCall(otherCtx, 'PATCH', `/api/tickets/${ticketId}`, {
      version: shown.version,
      priorityId: theirs.id,
    });
    expect(changed.status).toBe(200);
    await otherCtx.close();

    await pick(agentPage, 'Priority', mine.name);
    await expect.poll(() => agentPage.getByTestId('conflict-view').isVisible()).toBe(true);
    expect(await agentPage.getByTestId('conflict-view').textContent()).toContain(theirs.name);
    await screenshot(agentPage, '09-conflict');
    await agentPage.getByRole('button', { name: 'Re-apply my change' }).click();
    await expect.poll(() => agentPage.getByTestId('conflict-view').count()).toBe(0);
    const after = await apiCall<{ ticket: { priority: { id: string } } }>(agentCtx, 'GET', `/api/tickets/${ticketId}`);
    expect(after.data.ticket.priority.id).toBe(mine.id);
  });
});

describe('safety and navigation', () => {
  const xssSubject = '<img src=x onerror="window.__xss=1"> XSS probe';
  const xssBody = '<script>window.__xss=2</script><b>bold?</b> searchable probe';

  test('an XSS payload in a subject and a body shows as text and never runs', async () => {
    const departments = (await apiCall<{ id: string; name: string }[]>(customerCtx, 'GET', '/api/departments')).data;
    const dept = departments.find((d) => d.name === department);
    const created = await apiCall<{ id: string } | { ticket: { id: string } }>(customerCtx, 'POST', '/api/tickets', {
      subject: xssSubject,
      description: xssBody,
      departmentId: dept?.id,
    });
    expect(created.status).toBe(201);
    const id = 'ticket' in created.data ? created.data.ticket.id : created.data.id;
    await apiCall(customerCtx, 'POST', `/api/tickets/${id}/messages`, { body: xssBody, isInternal: false });

    const errors = watchErrors(customerPage);
    await customerPage.goto(`/tickets/${id}`);
    await expect.poll(() => customerPage.getByTestId('ticket-subject').textContent()).toContain('<img src=x');
    expect(await customerPage.getByTestId('ticket-description').textContent()).toContain(
      '<script>window.__xss=2</script>',
    );
    expect(await customerPage.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await customerPage.locator('img[src=x]').count()).toBe(0);
    await screenshot(customerPage, '10-xss-as-text');

    await agentPage.goto('/queue?q=probe');
    await expect.poll(() => agentPage.getByTestId('queue-row').filter({ hasText: 'XSS probe' }).count()).toBe(1);
    expect(await agentPage.locator('[data-testid=queue] mark').count()).toBeGreaterThan(0);
    expect(await agentPage.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await agentPage.locator('img[src=x]').count()).toBe(0);
    await screenshot(agentPage, '11-search-snippets');
    expect(errors).toEqual([]);
  });

  test('the queue works from the keyboard: j/k, Enter, / and ?', async () => {
    const departments = (await apiCall<{ id: string; name: string }[]>(customerCtx, 'GET', '/api/departments')).data;
    const dept = departments.find((d) => d.name === department);
    for (const n of [1, 2, 3]) {
      const r = await apiCall(customerCtx, 'POST', '/api/tickets', {
        subject: `Keyboard ticket ${n}`,
        description: 'For the keyboard test',
        departmentId: dept?.id,
      });
      expect(r.status).toBe(201);
    }
    await agentPage.goto('/queue');
    await expect.poll(() => agentPage.getByTestId('queue-row').count()).toBeGreaterThanOrEqual(4);
    const body = agentPage.locator('body');
    await body.press('j');
    await body.press('j');
    await body.press('j');
    await body.press('k');
    const selected = agentPage.locator('[data-testid=queue-row][aria-selected=true]');
    await expect.poll(() => selected.getAttribute('data-row-index')).toBe('1');
    const href = await selected.getByRole('link').first().getAttribute('href');

    await body.press('?');
    await expect.poll(() => agentPage.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
    await agentPage.keyboard.press('Escape');
    await expect.poll(() => agentPage.getByRole('dialog').count()).toBe(0);

    await body.press('/');
    await expect
      .poll(() => agentPage.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type))
      .toBe('search');
    await agentPage.keyboard.press('Escape');

    await body.press('Enter');
    await agentPage.waitForURL(`**${href}`);
  });
});

describe('bulk and sessions', () => {
  test('an agent updates several tickets at once from the queue', async () => {
    await agentPage.goto('/queue');
    const rows = agentPage.getByTestId('queue-row');
    await expect.poll(() => rows.filter({ hasText: 'Keyboard ticket' }).count()).toBe(3);
    for (const n of [1, 2]) {
      await rows
        .filter({ hasText: `Keyboard ticket ${n}` })
        .getByRole('checkbox')
        .check();
    }
    await expect.poll(() => agentPage.getByTestId('bulk-bar').textContent()).toContain('2 selected');
    await screenshot(agentPage, '12a-bulk');
    await agentPage.getByRole('button', { name: 'Set priority' }).click();
    await agentPage.getByRole('menuitem', { name: 'Urgent' }).click();
    for (const n of [1, 2]) {
      await expect.poll(() => rows.filter({ hasText: `Keyboard ticket ${n}` }).textContent()).toContain('Urgent');
    }
    expect(await rows.filter({ hasText: 'Keyboard ticket 3' }).textContent()).not.toContain('Urgent');

    // The agent's own saved view: filter, save, and find it again after a reload.
    await pick(agentPage, 'Priority', 'Urgent');
    await expect.poll(() => rows.count()).toBe(2);
    await agentPage.getByRole('button', { name: 'Save current filters' }).click();
    await agentPage.getByRole('dialog').getByLabel('Name').fill('Urgent work');
    await agentPage.getByRole('button', { name: 'Save view' }).click();
    await agentPage.goto('/queue');
    await agentPage.locator('label', { hasText: /^Urgent work$/ }).click();
    await expect.poll(() => rows.count()).toBe(2);
  });

  test('a session that ends sends the user to sign in, and back to where they were', async () => {
    const ctx = await newUserContext(browser);
    const page = await ctx.newPage();
    await signIn(page, agent.email, agent.password);
    await page.goto('/queue');
    await expect.poll(() => page.getByTestId('queue-row').count()).toBeGreaterThan(0);
    // The server ends the session (as idle expiry or revocation would).
    await apiCall(ctx, 'POST', '/api/auth/logout');
    await page.locator('label', { hasText: /^Unassigned$/ }).click();
    await page.waitForURL(/\/sign-in\?next=/);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get('next') ?? '')).toContain('/queue');
    await page.getByLabel('Email').fill(agent.email);
    await page.getByLabel(/^Password/).fill(agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/queue' && u.searchParams.get('assignee') === 'none');
    await ctx.close();
  });
});

describe('password reset', () => {
  test('an admin issues a reset link; its page sets a new password', async () => {
    await adminPage.goto('/admin/users');
    const row = adminPage.getByRole('row').filter({ hasText: agent2.email });
    await row.getByRole('button', { name: 'Reset link' }).click();
    const link = (await adminPage.getByTestId('reset-link').textContent())?.trim() ?? '';
    expect(link).toMatch(/\/reset-password\?token=/);
    await adminPage.keyboard.press('Escape');

    const ctx = await newUserContext(browser);
    const page = await ctx.newPage();
    await page.goto(link);
    await a11yCheck(page, 'reset-password');
    const newPassword = 'a brand new passphrase 42';
    await page.getByLabel(/^New password/).fill(newPassword);
    await page.getByLabel(/^Repeat the new password/).fill(newPassword);
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => page.getByText('Your new password is set.').isVisible()).toBe(true);
    await signIn(page, agent2.email, newPassword);
    await page.waitForURL('**/queue');
    await ctx.close();
  });
});

describe('profile', () => {
  test('shows the sessions and creates an API token that works once shown', async () => {
    await adminPage.goto('/profile');
    await expect.poll(() => adminPage.getByText('This browser').isVisible()).toBe(true);
    await adminPage.getByLabel('Token name').fill('backup script');
    await adminPage.getByRole('button', { name: 'Create token' }).click();
    const secret = (await adminPage.locator('pre').first().textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await a11yCheck(adminPage, 'profile');
    await screenshot(adminPage, '22-profile');
    const res = await fetch(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(200);
  });
});

describe('look and layout', () => {
  test('dark mode follows the system and can be switched', async () => {
    const ctx = await newUserContext(browser, { colorScheme: 'dark' });
    const page = await ctx.newPage();
    await signIn(page, customer.email, customer.password);
    await page.goto('/tickets');
    await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    await a11yCheck(page, 'my-tickets-dark');
    await screenshot(page, '12-dark-my-tickets');
    await page.goto(`/tickets/${ticketId}`);
    await expect.poll(() => page.getByTestId('ticket-subject').isVisible()).toBe(true);
    await screenshot(page, '13-dark-ticket');
    await page.getByTestId('color-scheme-toggle').click();
    await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('light');
    await ctx.close();
  });

  test('works at 375 px wide', async () => {
    const ctx = await newUserContext(browser, {
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await ctx.newPage();
    await signIn(page, agent.email, agent.password);
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const [path, name] of [
      ['/queue', '14-mobile-queue'],
      [`/tickets/${ticketId}`, '15-mobile-ticket'],
      ['/tickets/new', '16-mobile-new-ticket'],
    ] as const) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await overflow(), `${path} overflows horizontally`).toBeLessThanOrEqual(0);
      await screenshot(page, name);
    }
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Queue' }).isVisible()).toBe(true);
    await ctx.close();
  });

  test('the dashboard shows numbers and charts', async () => {
    await adminPage.goto('/dashboard');
    await expect.poll(() => adminPage.getByTestId('stat').count()).toBeGreaterThan(0);
    await expect.poll(() => adminPage.locator('.recharts-surface').count()).toBeGreaterThan(0);
    await a11yCheck(adminPage, 'dashboard');
    await screenshot(adminPage, '17-dashboard');
  });

  test('the remaining admin pages pass the accessibility check', async () => {
    for (const [path, name] of [
      ['/admin/roles', '18-admin-roles'],
      ['/admin/statuses', '19-admin-statuses'],
      ['/admin/settings', '20-admin-settings'],
      ['/admin/audit', '21-admin-audit'],
    ] as const) {
      await adminPage.goto(path);
      await expect.poll(() => adminPage.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
      await a11yCheck(adminPage, name);
      await screenshot(adminPage, name);
    }
  });
});

describe('accessibility', () => {
  test('no serious or critical axe-core violations on the main pages', () => {
    const checked = Object.keys(a11y);
    expect(checked.length).toBeGreaterThanOrEqual(10);
    const failing = Object.fromEntries(Object.entries(a11y).filter(([, v]) => v.length > 0));
    expect(failing, JSON.stringify(failing, null, 1)).toEqual({});
  });
});
