/** The help centre (knowledge base): reading, searching, the deflection suggestion, the agents' tools. */
import { type KbArticle, kbArticleSchema, kbCategorySchema } from '@helpdesk/contract';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { createFirstAdmin, dataOf, unique } from './support/api.js';
import { pick, screenshot } from './support/page.js';

/** A published article written by the (shared) admin. */
async function publishedArticle(
  admin: APIRequestContext,
  fields: { title: string; body: string; visibility?: string; categoryId?: string },
): Promise<KbArticle> {
  const draft = await dataOf(admin.post('/api/help/articles', { data: fields }), kbArticleSchema);
  return dataOf(
    admin.post(`/api/help/articles/${draft.id}/status`, { data: { version: draft.version, status: 'published' } }),
    kbArticleSchema,
  );
}

test('a customer browses a category, reads an article, votes, and an old address redirects', async ({
  adminApi,
  customerPage: page,
}) => {
  const id = unique();
  const category = await dataOf(
    adminApi.post('/api/help/categories', { data: { name: `Billing ${id}` } }),
    kbCategorySchema,
  );
  const article = await publishedArticle(adminApi, {
    title: `Refunds ${id} explained`,
    body: '## How long it takes\n\nRefunds take **five** working days.\n\n<script>window.hacked = 1</script>',
    categoryId: category.id,
  });
  // A new address: the old one must keep working.
  const renamed = await dataOf(
    adminApi.patch(`/api/help/articles/${article.id}`, { data: { version: article.version, slug: `refunds-${id}` } }),
    kbArticleSchema,
  );

  await page.goto('/help');
  await page.getByRole('link', { name: `Billing ${id}` }).click();
  await page.getByRole('link', { name: `Refunds ${id} explained` }).click();
  await page.waitForURL(`**/help/${article.id}-refunds-${id}`);
  const body = page.getByTestId('article-body');
  await expect(body.getByRole('heading', { name: 'How long it takes' })).toBeVisible();
  await expect(body.locator('strong')).toHaveText('five');
  // Raw HTML in the Markdown is shown as text, never run.
  await expect(body).toContainText('<script>window.hacked = 1</script>');
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  await screenshot(page, '40-help-article');

  await page.getByRole('button', { name: 'Yes' }).click();
  await expect(page.getByRole('status')).toHaveText('Thank you for your feedback.');
  const staffView = await dataOf(adminApi.get(`/api/help/articles/${article.id}`), kbArticleSchema);
  expect(staffView.stats).toMatchObject({ helpful: 1, notHelpful: 0 });

  await page.goto(`/help/${article.slug}`);
  await page.waitForURL(`**/help/${article.id}-${renamed.slug}`);
  await expect(page.getByTestId('article-title')).toHaveText(`Refunds ${id} explained`);
});

test('searching shows highlighted snippets, never staff-only articles to a customer', async ({
  adminApi,
  customerPage: page,
}) => {
  const word = `wombat${unique()}`;
  await publishedArticle(adminApi, { title: 'Shipping times', body: `Every ${word} parcel ships on Monday.` });
  await publishedArticle(adminApi, {
    title: 'Internal escalation',
    body: `Escalate ${word} cases.`,
    visibility: 'staff',
  });

  await page.goto('/help');
  await page.getByLabel('Search the help centre').fill(word);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(`**/help/search?q=${word}`);
  const results = page.getByTestId('article-list');
  await expect(results.getByRole('link', { name: 'Shipping times' })).toBeVisible();
  await expect(results.getByTestId('snippet').locator('mark')).toHaveText(word);
  await expect(results.getByRole('link', { name: 'Internal escalation' })).toHaveCount(0);
  await screenshot(page, '41-help-search');
});

test('a new ticket subject suggests an article; opening it is counted for staff', async ({
  adminApi,
  customerPage: page,
  department,
}) => {
  const word = `printer${unique()}`;
  const article = await publishedArticle(adminApi, {
    title: `Fix a jammed ${word}`,
    body: 'Open the front tray and pull the paper out gently.',
  });
  await page.goto('/tickets/new');
  await pick(page, 'Department', department.name);
  await page.getByLabel('Subject').fill(`My ${word} is jammed`);
  const suggestions = page.getByTestId('ticket-suggestions');
  await expect(suggestions).toContainText('These articles may answer your question');
  await suggestions.getByRole('button', { name: `Fix a jammed ${word}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('article-body')).toContainText('Open the front tray');
  await screenshot(page, '42-deflection-suggestion');
  await dialog.getByRole('button', { name: 'This solved my problem' }).click();
  // The form still holds the typed subject: leaving it asks first (issue 17); the draft is kept.
  await page.getByTestId('leave-go').click();
  await page.waitForURL(`**/help/${article.id}-${article.slug}`);
  await expect
    .poll(async () => (await dataOf(adminApi.get(`/api/help/articles/${article.id}`), kbArticleSchema)).stats)
    .toMatchObject({ suggestionOpened: 1 });
});

test('an agent links an article from the composer and turns a ticket into a draft', async ({
  adminApi,
  agentPage: page,
  ticket,
}) => {
  const word = `router${unique()}`;
  const article = await publishedArticle(adminApi, {
    title: `Restart the ${word}`,
    body: 'Unplug it for ten seconds.',
  });
  await page.goto(`/tickets/${ticket.id}`);
  await page.getByTestId('insert-article').click();
  await page.getByLabel('Search articles').fill(word);
  await page.getByRole('button', { name: 'Link' }).click();
  await expect(page.getByTestId('composer')).toHaveValue(
    new RegExp(`\\[Restart the ${word}\\]\\(http.*/help/${article.id}-${article.slug}\\)`),
  );

  await page.getByRole('button', { name: 'Turn into article' }).click();
  // The composer still holds the link: leaving the ticket page asks first (issue 17).
  await page.getByTestId('leave-go').click();
  await page.waitForURL(/\/help\/edit\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel('Title')).toHaveValue(ticket.subject);
  await expect(page.getByTestId('article-status')).toHaveText('Draft');
  await page.getByTestId('article-markdown').fill('# Steps\n\n1. One\n2. Two');
  await page.getByRole('tab', { name: 'Preview' }).click();
  await expect(page.getByTestId('article-body').getByRole('heading', { name: 'Steps' })).toBeVisible();
  await page.getByRole('tab', { name: 'Write' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('versions')).toContainText('Version 2');
  await screenshot(page, '43-help-editor');
});

test('with the public help centre on, a visitor reads public articles only, without an account', async ({
  freshServer,
  page,
}) => {
  // An instance-wide setting: on a server of its own (e2e/README.md).
  const admin = await createFirstAdmin(freshServer.url);
  const visitor = page.request;
  expect((await visitor.get(`${freshServer.url}/api/help/articles`)).status()).toBe(401);
  expect((await admin.api.patch(`${freshServer.url}/api/settings`, { data: { publicHelpCentre: true } })).ok()).toBe(
    true,
  );
  const open = await publishedArticle(admin.api, {
    title: 'Opening hours',
    body: 'We answer **every day**.',
    visibility: 'public',
  });
  await publishedArticle(admin.api, {
    title: 'Customer discounts',
    body: 'Only for customers.',
    visibility: 'customers',
  });

  await page.goto(`${freshServer.url}/help`);
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Customer discounts' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Opening hours' }).click();
  await page.waitForURL(`**/help/${open.id}-${open.slug}`);
  await expect(page.getByTestId('article-body').locator('strong')).toHaveText('every day');
  await page.getByRole('button', { name: 'No' }).click();
  await expect(page.getByRole('status')).toHaveText('Thank you for your feedback.');
  await screenshot(page, '44-public-help');
  const staffView = await dataOf(admin.api.get(`${freshServer.url}/api/help/articles/${open.id}`), kbArticleSchema);
  expect(staffView.stats).toMatchObject({ helpful: 0, notHelpful: 1 });
});
