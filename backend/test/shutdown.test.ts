import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './processes.js';
import { createTestDatabase, testDriver } from './test-database.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-shutdown-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function serverEnv(name: string): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const dataDir = path.join(tmp, name);
  if (testDriver === 'pglite')
    return { env: { DATA_DIR: dataDir, UPLOAD_DIR: path.join(dataDir, 'uploads') }, drop: async () => {} };
  const db = await createTestDatabase();
  await db.database.close();
  return { env: { DATABASE_URL: db.url as string, UPLOAD_DIR: path.join(dataDir, 'uploads') }, drop: db.drop };
}

function waitFor(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - start > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 25);
    };
    tick();
  });
}

describe(`graceful shutdown (${testDriver})`, () => {
  it('finishes the request in flight, answers the next one 503, refuses new connections and exits 0', async () => {
    const { env, drop } = await serverEnv('graceful');
    const server = await startServer(env);
    const { port } = new URL(server.url);

    // A request in flight: headers sent, body not yet complete.
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let received = '';
    socket.on('data', (d) => {
      received += d;
    });
    const body = '{"hello":"world"}';
    socket.write(
      `POST /api/in-flight HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
    );
    await new Promise((r) => setTimeout(r, 200));

    server.child.kill('SIGTERM');
    await waitFor(() => server.output().includes('SIGTERM received'), 'the SIGTERM log line');

    // New connections are refused once the listener is closed.
    const refused = await new Promise<boolean>((resolve) => {
      const probe = net.connect(Number(port), '127.0.0.1');
      probe.once('connect', () => {
        probe.destroy();
        resolve(false);
      });
      probe.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);

    // The in-flight request completes; a pipelined one behind it gets the 503 error shape.
    socket.write(`${body.slice(5)}GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    await waitFor(
      () => (received.match(/HTTP\/1\.1 /g) ?? []).length >= 2 || received.includes('Service'),
      'both responses',
    );
    expect(received).toMatch(/^HTTP\/1\.1 404/);
    expect(received).toContain('"code":"NOT_FOUND"');
    expect(received).toMatch(/HTTP\/1\.1 503[\s\S]*"code":"SERVICE_UNAVAILABLE"/);
    socket.destroy();

    const code = await server.exited;
    expect(code).toBe(0);
    expect(server.output()).toContain('Stopped');
    if (testDriver === 'pglite') expect(existsSync(path.join(env.DATA_DIR as string, 'helpdesk.pid'))).toBe(false);
    await drop();
  });

  it('exits 0 on SIGINT too', async () => {
    const { env, drop } = await serverEnv('sigint');
    const server = await startServer(env);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    await drop();
  });
});

describe.skipIf(testDriver !== 'pglite')('embedded database ownership', () => {
  it('a second process on the same DATA_DIR stops with a message that cluster mode needs PostgreSQL', async () => {
    const dataDir = path.join(tmp, 'shared');
    const first = await startServer({ DATA_DIR: dataDir });
    try {
      const second = startServer({ DATA_DIR: dataDir });
      await expect(second).rejects.toThrow(/in use by process \d+[\s\S]*needs PostgreSQL/);
      const res = await fetch(`${first.url}/health`);
      expect(res.status).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });
});
