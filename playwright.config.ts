import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/support/chromium.js';

// scripts/e2e.mjs (`npm run test:e2e`) picks a free port; a direct `npx playwright test` uses 4390.
const port = Number(process.env.E2E_PORT ?? 4390);
const baseURL = `http://127.0.0.1:${port}`;

/** The browser suite (e2e/README.md): independent tests against the built server on a fresh database. */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/output/test-results',
  globalSetup: './e2e/global-setup.ts',
  // Every test makes its own users, department and tickets, so they run in any order, two at a
  // time (the machine has two cores; the server and the browser share them).
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // A test is a whole task in the browser (several pages, a11y scans); on a slow 2-core machine
  // with both workers busy the longest took just over 60 s. Room, not a measure: specs check results.
  timeout: 120_000,
  // A real browser and server on a busy machine: more room than the 5 s default. Two workers,
  // their browsers and the server share two cores; a page's first visit has waited 10–11 s for
  // its first batch there (queue, in CI). The specs check results, never timings.
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: 'e2e/output/results.json' }]],
  use: {
    baseURL,
    browserName: 'chromium',
    // Debian's Chromium (apt-get install chromium); Playwright downloads no browser.
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
    viewport: { width: 1280, height: 860 },
    colorScheme: 'light',
    // Handing a 12 MB file to the page (tickets-first-hour) has taken 15 s on a busy machine.
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
  },
  projects: [
    // Every spec in English (the browser's language; the helpdesk has no default language).
    { name: 'en', testIgnore: /german\.spec\.ts/, use: { locale: 'en-US' } },
    // The main flows once more in German: a German browser, so the client shows German.
    { name: 'de', testMatch: /(german|screens)\.spec\.ts/, use: { locale: 'de-DE' } },
  ],
  webServer: {
    command: 'node e2e/server.mjs',
    url: `${baseURL}/health/ready`,
    env: { E2E_PORT: String(port) },
    timeout: 120_000,
    // server.mjs stops the server by its PID on SIGTERM and removes its data.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    stdout: 'pipe',
  },
});
