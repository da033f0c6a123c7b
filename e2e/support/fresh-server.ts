/**
 * A server of its own on a fresh embedded database (e2e/server.mjs on a free port), for the
 * few tests that need a state no other test may see or change: the first-run setup page, which
 * only a fresh install shows, and an instance-wide setting such as required two-factor sign-in.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export interface FreshServer {
  url: string;
  stop: () => Promise<void>;
}

const serverScript = path.resolve(import.meta.dirname, '..', 'server.mjs');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the fresh server exited early (code ${child.exitCode})`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the fresh server at ${url} was not ready within 90 s`);
}

/** Starts the server and waits until it is ready; `name` names its log in e2e/output/; `env` adds settings. */
export async function startFreshServer(name: string, env: Record<string, string> = {}): Promise<FreshServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // stdin stays open: server.mjs stops the server when it closes (if this worker dies).
  const child = spawn(process.execPath, [serverScript], {
    env: { ...process.env, ...env, E2E_PORT: String(port), E2E_SERVER_LOG: `server-${name}.log` },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilReady(url, child);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}
