import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoDir } from '../src/config.js';
import { type Database, openPglite } from '../src/db/client.js';
import { helpdeskCommand } from './processes.js';
import { createTestDatabase, testDatabaseUrl } from './test-database.js';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `helpdesk …` from source as a child process with the given environment. */
export function runCli(args: string[], env: Record<string, string>, cwd = repoDir): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...helpdeskCommand(), ...args],
      {
        cwd,
        env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * A database and upload folder for CLI tests on the driver under test: a PostgreSQL test
 * database (TEST_DATABASE_URL) or a PGlite DATA_DIR migrated with `helpdesk migrate`.
 */
export interface CliTarget {
  kind: 'postgres' | 'pglite';
  tmp: string;
  /** DATABASE_URL or DATA_DIR, plus UPLOAD_DIR. */
  env: Record<string, string>;
  uploadDir: string;
  dataDir: string;
  /** Runs fn on an open connection (PGlite: opened and closed around it, so the CLI may run after). */
  withDb<T>(fn: (database: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function createCliTarget(): Promise<CliTarget> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-ops-'));
  const uploadDir = path.join(tmp, 'uploads');
  const dataDir = path.join(tmp, 'data');
  mkdirSync(uploadDir, { recursive: true });
  if (testDatabaseUrl) {
    const { database, url, drop } = await createTestDatabase();
    return {
      kind: 'postgres',
      tmp,
      env: { DATABASE_URL: url as string, UPLOAD_DIR: uploadDir, DATA_DIR: dataDir },
      uploadDir,
      dataDir,
      withDb: (fn) => fn(database),
      async close() {
        await drop();
        rmSync(tmp, { recursive: true, force: true });
      },
    };
  }
  const env = { DATA_DIR: dataDir, UPLOAD_DIR: uploadDir };
  const migrated = await runCli(['migrate'], env);
  if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
  return {
    kind: 'pglite',
    tmp,
    env,
    uploadDir,
    dataDir,
    async withDb(fn) {
      const database = await openPglite({ dataDir });
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    },
    async close() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
