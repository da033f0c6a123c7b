import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer } from './processes.js';
import { createTestDatabase, testDriver } from './test-database.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The server's start line, once it is complete; the server is stopped afterwards. */
async function startLine(env: Record<string, string>): Promise<{ server: ServerProcess; line: string }> {
  const server = await startServer(env);
  let line: string | undefined;
  for (let i = 0; i < 200 && !line; i++) {
    line = server.output().match(/^.*listening on .*\n/m)?.[0];
    if (!line) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!line) throw new Error(`no complete start line in:\n${server.output()}`);
  return { server, line };
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

describe(`the start line (${testDriver})`, () => {
  it('shows the setup page while there is no admin, in pretty and in JSON logs, and not afterwards', async () => {
    let env: Record<string, string> = { DATA_DIR: path.join(tmp, 'data'), UPLOAD_DIR: path.join(tmp, 'uploads') };
    let drop = async () => {};
    if (testDriver === 'postgres') {
      const created = await createTestDatabase();
      await created.database.close();
      env = { ...env, DATABASE_URL: created.url as string };
      drop = created.drop;
    }
    try {
      const pretty = await startLine({ ...env, LOG_FORMAT: 'pretty' });
      await stop(pretty.server);
      expect(pretty.line).toContain(`no admin yet: create the first one at ${pretty.server.url}/setup`);

      const json = await startLine({ ...env, LOG_FORMAT: 'json' });
      const record = JSON.parse(json.line) as { level: number; msg: string };
      expect(record.level).toBe(30); // info
      expect(record.msg).toContain(`create the first one at ${json.server.url}/setup`);
      const setup = await fetch(`${json.server.url}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'first@example.com', name: 'First Admin', password: 'a long enough password' }),
      });
      expect(setup.status).toBe(201);
      await stop(json.server);

      const later = await startLine({ ...env, LOG_FORMAT: 'pretty' });
      await stop(later.server);
      expect(later.line).toMatch(
        /HelpDesk Pro listening on http:\/\/127\.0\.0\.1:\d+ \((PostgreSQL|embedded database)\)\n/,
      );
      expect(later.line).not.toContain('/setup');
    } finally {
      await drop();
    }
  });
});
