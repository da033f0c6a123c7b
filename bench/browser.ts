/// <reference lib="dom" />
/**
 * The web client's own speed (issue 22), measured in Debian's Chromium through playwright-core:
 * how long an agent waits for a ticket page with a cold cache and with every asset cached, when
 * the JavaScript makes its first API call, how many API calls the page makes, and how long moving
 * from a queue row to its ticket takes. Each figure is the median of several loads; every time is
 * read inside the page (`performance.now()`, from the navigation's start or from the click), so
 * the harness's own round trips are not in it.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

import { chromiumArgs, chromiumPath } from '../e2e/support/chromium.js';

export const hasChromium = () => existsSync(chromiumPath);

/** The targets the issue sets on this machine (ms, or a count). */
export const BROWSER_TARGETS = { cold: 1_000, warm: 500, boot: 300, apiCalls: 4, rowToTicket: 150 };

export interface BrowserTimings {
  loads: number;
  /** Navigation start → the ticket's subject on screen, fresh browser cache. */
  cold: number[];
  /** The same with every asset in the cache (a later load in the same browser). */
  warm: number[];
  /** Navigation start → the first API request leaves (JavaScript boot), cold and warm. */
  bootCold: number[];
  bootWarm: number[];
  /** API requests of one ticket page load (the warm loads'), with their paths. */
  apiCalls: number[];
  apiPaths: string[];
  /** Click on a queue row (after the pointer rested on it) → that ticket's subject on screen. */
  rowToTicket: number[];
  /** Navigation start → the queue's first row on screen, every asset cached (the second load). */
  queueWarm: number[];
}

/** How long the pointer rests on a row before the click: a person's hover is longer than this. */
const HOVER_MS = 200;
/** After the content shows, requests still leaving within this are part of the page's load. */
const SETTLE_MS = 1_500;

async function signedInContext(browser: Browser, base: string, cookie: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 860 } });
  const [name = '', value = ''] = cookie.split('=');
  await context.addCookies([{ name, value, url: base }]);
  return context;
}

const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');

/** `GET /api/x`, or for a batch the reads in it: `GET /api/batch (/api/a, /api/b)`. */
function describeRequest(req: { url(): string; method(): string }): string {
  const url = new URL(req.url());
  const reads = url.searchParams.getAll('path').map((p) => new URL(p, url).pathname);
  return `${req.method()} ${url.pathname}${reads.length ? ` (${reads.join(', ')})` : ''}`;
}

/** Waits (checking every frame) until the ticket subject shows and returns `performance.now()` then. */
function subjectShownAt(page: Page, subject?: string): Promise<number> {
  return page
    .waitForFunction(
      (expected) => {
        const text = document.querySelector('[data-testid="ticket-subject"]')?.textContent?.trim();
        if (!text || (expected && !text.endsWith(expected))) return false;
        return performance.now();
      },
      subject,
      { polling: 'raf', timeout: 30_000 },
    )
    .then((handle) => handle.jsonValue() as Promise<number>)
    .catch(async (err: unknown) => {
      const shown = await page
        .locator('[data-testid="ticket-subject"]')
        .first()
        .textContent({ timeout: 1_000 })
        .catch(() => null);
      throw new Error(
        `${page.url()}: waited for the subject ${JSON.stringify(subject ?? '(any)')}, saw ${JSON.stringify(shown)}: ${String(err)}`,
      );
    });
}

/** One load of the ticket page: content time, first API request time, the API paths requested. */
async function loadTicketPage(page: Page, url: string): Promise<{ content: number; boot: number; api: string[] }> {
  const api: string[] = [];
  const onRequest = (req: { url(): string; method(): string }) => {
    if (isApi(req.url())) api.push(describeRequest(req));
  };
  page.on('request', onRequest);
  await page.goto(url, { waitUntil: 'commit' });
  const content = await subjectShownAt(page);
  await page.waitForTimeout(SETTLE_MS);
  page.off('request', onRequest);
  const boot = await page.evaluate(() =>
    Math.min(
      ...performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.startsWith('/api/'))
        .map((e) => e.startTime),
    ),
  );
  return { content, boot, api };
}

/** One load of the queue by its address: navigation start → its first row on screen. */
async function loadQueuePage(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    () => (document.querySelector('table a[href^="/tickets/"]') ? performance.now() : false),
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  const shown = (await handle.jsonValue()) as number;
  await page.waitForTimeout(SETTLE_MS);
  return shown;
}

/** The queue's first `n` rows' links (ticket path and subject). */
async function queueRows(page: Page, n: number): Promise<Array<{ href: string; subject: string }>> {
  await page.locator('table a[href^="/tickets/"]').first().waitFor({ timeout: 30_000 });
  return page.evaluate(
    (count) =>
      Array.from(document.querySelectorAll<HTMLAnchorElement>('table a[href^="/tickets/"]'))
        .slice(0, count)
        // A row's link reads "#1042 Subject".
        .map((a) => ({
          href: a.getAttribute('href') ?? '',
          subject: (a.textContent ?? '').trim().replace(/^#\d+\s+/, ''),
        })),
    n,
  );
}

export async function measureBrowser(r: {
  base: string;
  cookie: string;
  ticketId: string;
  loads: number;
}): Promise<BrowserTimings> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const t: BrowserTimings = {
    loads: r.loads,
    cold: [],
    warm: [],
    bootCold: [],
    bootWarm: [],
    apiCalls: [],
    apiPaths: [],
    rowToTicket: [],
    queueWarm: [],
  };
  const ticketUrl = `${r.base}/tickets/${r.ticketId}`;
  try {
    for (let i = 0; i < r.loads; i++) {
      // A new context has an empty cache: the first load is cold, the next one warm.
      const context = await signedInContext(browser, r.base, r.cookie);
      try {
        const page = await context.newPage();
        const cold = await loadTicketPage(page, ticketUrl);
        t.cold.push(cold.content);
        t.bootCold.push(cold.boot);
        const warm = await loadTicketPage(page, ticketUrl);
        t.warm.push(warm.content);
        t.bootWarm.push(warm.boot);
        t.apiCalls.push(warm.api.length);
        if (i === 0) t.apiPaths = warm.api;
        // The queue's own chunk is cached by the first of these loads.
        await loadQueuePage(page, `${r.base}/queue`);
        t.queueWarm.push(await loadQueuePage(page, `${r.base}/queue`));
      } finally {
        await context.close();
      }
    }
    // From the queue to a ticket, as an agent works: the queue is loaded, the pointer rests on a
    // row, the click. The way back keeps the queue (history), and the next row is another ticket.
    const context = await signedInContext(browser, r.base, r.cookie);
    try {
      const page = await context.newPage();
      await page.goto(`${r.base}/queue`);
      const rows = await queueRows(page, r.loads);
      for (const row of rows) {
        const link = page.locator(`table a[href="${row.href}"]`).first();
        await link.hover();
        await page.waitForTimeout(HOVER_MS);
        await page.evaluate((href) => {
          (window as unknown as { benchClickAt: number }).benchClickAt = performance.now();
          document.querySelector<HTMLAnchorElement>(`table a[href="${href}"]`)?.click();
        }, row.href);
        const shown = await subjectShownAt(page, row.subject);
        t.rowToTicket.push(
          shown - (await page.evaluate(() => (window as unknown as { benchClickAt: number }).benchClickAt)),
        );
        await page.goBack();
        await queueRows(page, 1);
      }
    } finally {
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return t;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0
    ? Number.NaN
    : sorted.length % 2
      ? (sorted[mid] ?? 0)
      : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** The Markdown table: median, range and target of each figure. */
export function browserTable(t: BrowserTimings): string {
  const row = (label: string, values: number[], target: number, unit = ' ms') => {
    const m = median(values);
    const fmt = (n: number) => `${Math.round(n).toLocaleString('en-US')}${unit}`;
    const range = values.length ? `${fmt(Math.min(...values))} – ${fmt(Math.max(...values))}` : '–';
    return `| ${label} | ${values.length ? fmt(m) : '–'} | ${range} | ≤ ${fmt(target)} | ${m <= target ? '✓' : '✗'} |`;
  };
  const counts = new Map<string, number>();
  for (const p of t.apiPaths) counts.set(p, (counts.get(p) ?? 0) + 1);
  const ids = /\/[0-9a-f]{8}-[0-9a-f-]{27}/g;
  const paths = [...counts].map(([p, n]) => `- \`${p.replace(ids, '/:id')}\`${n > 1 ? ` ×${n}` : ''}`).join('\n');
  return [
    `| web client (${t.loads} loads each; median) | median | range | target | |`,
    '|---|--:|--:|--:|---|',
    row('ticket page content, cold cache', t.cold, BROWSER_TARGETS.cold),
    row('ticket page content, cached assets', t.warm, BROWSER_TARGETS.warm),
    row('JavaScript boot → first API call, cold', t.bootCold, BROWSER_TARGETS.boot),
    row('JavaScript boot → first API call, cached', t.bootWarm, BROWSER_TARGETS.boot),
    row('API calls for a ticket page', t.apiCalls, BROWSER_TARGETS.apiCalls, ''),
    row('queue row → its ticket (click after hover)', t.rowToTicket, BROWSER_TARGETS.rowToTicket),
    // No target of its own in issue 22: the cached ticket page's.
    row('queue page rows, cached assets', t.queueWarm ?? [], BROWSER_TARGETS.warm),
    '',
    'API calls of one ticket page load, in the order sent (a batch lists its reads):',
    '',
    paths || '–',
  ].join('\n');
}
