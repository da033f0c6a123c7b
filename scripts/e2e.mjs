// `npm run test:e2e`: builds contract, backend and client, starts the real built server
// (`node backend/dist/index.js`) on 127.0.0.1 with a random free port and a fresh embedded
// database, runs the Playwright specs in e2e/ (Vitest as the runner, Debian's Chromium through
// playwright-core), saves screenshots in e2e/output/, stops the server by its PID and prints
// `N passed, N failed`. Set E2E_SKIP_BUILD=1 to reuse existing builds.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = path.join(root, 'e2e', 'output');
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
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForReady(url, server, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited early (code ${server.exitCode})`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not become ready within ${timeoutMs / 1000} s`);
}

function stopServer(server) {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    server.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    process.kill(server.pid, 'SIGTERM');
  });
}

async function main() {
  const chromium = findChromium();
  if (!chromium) {
    console.error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  if (!process.env.E2E_SKIP_BUILD) {
    for (const ws of ['contract', 'backend', 'client']) {
      const r = spawnSync(npm, ['run', 'build', '-w', ws], { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) {
        console.log('0 passed, 1 failed');
        process.exit(r.status ?? 1);
      }
    }
  }
  rmSync(outputDir, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = createWriteStream(path.join(outputDir, 'server.log'));
  const server = spawn(process.execPath, ['backend/dist/index.js'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      BACKEND_PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(tmp, 'data'),
      UPLOAD_DIR: path.join(tmp, 'uploads'),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      COOKIE_SECURE: 'false',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  let exitCode = 1;
  let passed = 0;
  let failed = 0;
  const cleanup = async () => {
    await stopServer(server);
    rmSync(tmp, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      cleanup().finally(() => process.exit(130));
    });
  }
  try {
    await waitForReady(baseUrl, server);
    console.log(`Server ${baseUrl} (pid ${server.pid}), data in ${tmp}`);
    const resultsFile = path.join(outputDir, 'results.json');
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--config',
        'e2e/vitest.config.ts',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${resultsFile}`,
        ...process.argv.slice(2),
      ],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromium, E2E_OUTPUT_DIR: outputDir },
      },
    );
    if (existsSync(resultsFile)) {
      const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
      passed = results.numPassedTests ?? 0;
      failed = (results.numFailedTests ?? 0) + (results.numFailedTestSuites && !results.numFailedTests ? 1 : 0);
    } else failed = Math.max(failed, 1);
    exitCode = r.status === 0 && failed === 0 ? 0 : 1;
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    failed = Math.max(failed, 1);
  } finally {
    await cleanup();
  }
  console.log(`Screenshots and the server log: ${path.relative(root, outputDir)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(exitCode);
}

main();
