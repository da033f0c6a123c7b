// The server the browser tests run against: the built server (`node backend/dist/index.js`) on
// 127.0.0.1:$E2E_PORT with a fresh embedded database in a temporary directory. Started by
// Playwright's `webServer` (playwright.config.ts) and by the `freshServer` fixture. On SIGTERM or
// SIGINT, or when whoever started it goes away (stdin closes), it stops the server by its PID,
// waits for it to exit and removes the temporary data. The server's log goes to
// e2e/output/$E2E_SERVER_LOG (default server.log).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.E2E_PORT;
if (!port) {
  console.error('E2E_PORT is not set');
  process.exit(1);
}
const outputDir = path.join(root, 'e2e', 'output');
mkdirSync(outputDir, { recursive: true });
const log = createWriteStream(path.join(outputDir, process.env.E2E_SERVER_LOG ?? 'server.log'));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-e2e-'));

const server = spawn(process.execPath, ['backend/dist/index.js'], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: '',
    BACKEND_PORT: port,
    HOST: '127.0.0.1',
    DATA_DIR: path.join(dataDir, 'data'),
    UPLOAD_DIR: path.join(dataDir, 'uploads'),
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    COOKIE_SECURE: 'false',
    NODE_ENV: 'production',
    // The tests are many users at once from one machine: each test's browser sends its own
    // X-Forwarded-For (e2e/support/api.ts), as users behind the reverse proxy of a real install
    // would, so the per-address limits (50 sign-ins in 15 minutes, 20 sign-ups an hour) apply to
    // each test's users and not to the suite as a whole.
    TRUST_PROXY: '127.0.0.1',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout.pipe(log);
server.stderr.pipe(log);
console.log(`e2e server: pid ${server.pid} on http://127.0.0.1:${port}, data in ${dataDir}`);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  if (server.exitCode !== null || server.signalCode !== null) return;
  process.kill(server.pid, 'SIGTERM');
  // The server gives in-flight requests SHUTDOWN_TIMEOUT_MS (10 s); after that it is stuck.
  setTimeout(() => server.kill('SIGKILL'), 15_000).unref();
}

server.on('exit', (code, signal) => {
  rmSync(dataDir, { recursive: true, force: true });
  if (!stopping) console.error(`e2e server exited on its own (code ${code}, signal ${signal}); see its log`);
  log.end(() => process.exit(stopping ? 0 : 1));
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('close', stop);
process.stdin.resume();
