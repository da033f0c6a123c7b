import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import { createLogger } from '../src/lib/logger.js';
import { createTestDatabase } from './test-database.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** On PostgreSQL: the test database's URL, for connections from "another process". */
  url?: string;
  config: Config;
  /** Every log line the app wrote (JSON unless LOG_FORMAT says otherwise). */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The production app (same buildApp, same options) on a fresh database, with its own
 * temporary data and upload folders. `env` overrides settings as environment variables would.
 */
export async function buildTestApp(
  env: Record<string, string> = {},
  opts: { beforeReady?: (app: FastifyInstance) => void | Promise<void>; now?: () => Date } = {},
): Promise<TestApp> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-app-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_FORMAT: 'json',
    DATA_DIR: path.join(tmp, 'data'),
    UPLOAD_DIR: path.join(tmp, 'uploads'),
    CLIENT_DIST_DIR: path.join(tmp, 'no-client'),
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const { database, url, drop } = await createTestDatabase();
  const app = await buildApp({ config, database, now: opts.now, logger: createLogger(config, sink) });
  await opts.beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    url,
    config,
    logs,
    async close() {
      await app.close();
      await drop();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** buildTestApp for the whole file: built before the first test, closed after the last. */
export function useTestApp(env: Record<string, string> = {}, opts: Parameters<typeof buildTestApp>[1] = {}): TestApp {
  const holder = {} as TestApp;
  beforeAll(async () => {
    Object.assign(holder, await buildTestApp(env, opts));
  });
  afterAll(async () => {
    await holder.close?.();
  });
  return holder;
}
