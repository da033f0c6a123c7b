// `npm run test:e2e`: builds contract, backend and client (E2E_SKIP_BUILD=1 reuses the builds),
// then runs the Playwright suite (playwright.config.ts) on a free port. Playwright's `webServer`
// starts the built server on a fresh embedded database (e2e/server.mjs) and stops it at the end.
// Screenshots, the server log and the JSON report land in e2e/output/. The last line is
// `N passed, N failed[, N skipped]`, counted from the JSON report; the exit code is 1 on any failure.
// Arguments go to `playwright test`, e.g. `npm run test:e2e -- -g 'conflict view'`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = path.join(root, 'e2e', 'output');
const reportFile = path.join(outputDir, 'results.json');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH; try the next name
    }
  }
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function finish(passed, failed, skipped) {
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
}

/** Counts from Playwright's JSON report; errors outside tests (server, global setup) count as one failure. */
function countResults() {
  if (!existsSync(reportFile)) return { passed: 0, failed: 1, skipped: 0 };
  const { stats, errors } = JSON.parse(readFileSync(reportFile, 'utf8'));
  const failed = stats.unexpected + stats.flaky;
  return {
    passed: stats.expected,
    failed: failed === 0 && errors.length > 0 ? 1 : failed,
    skipped: stats.skipped,
  };
}

const chromium = findChromium();
if (!chromium) {
  console.error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  finish(0, 1, 0);
}
if (!process.env.E2E_SKIP_BUILD) {
  for (const ws of ['contract', 'backend', 'client']) {
    const r = spawnSync(npm, ['run', 'build', '-w', ws], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) finish(0, 1, 0);
  }
}
rmSync(outputDir, { recursive: true, force: true });
mkdirSync(outputDir, { recursive: true });

const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const run = spawnSync(process.execPath, [cli, 'test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, E2E_PORT: String(await freePort()), CHROMIUM_PATH: chromium },
});
const { passed, failed, skipped } = countResults();
console.log(`Screenshots, the server log and the report: ${path.relative(root, outputDir)}/`);
// A run that stopped without a failing test (interrupted, a crash) still fails.
finish(passed, run.status !== 0 && failed === 0 ? 1 : failed, skipped);
