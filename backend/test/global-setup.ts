import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory dump; each test file starts from a copy. */
    pgliteTemplateFile: string;
    /** On PostgreSQL: a migrated database that each test file copies (CREATE DATABASE … TEMPLATE). */
    pgTemplateDatabase: string;
  }
}

/** Runs the migrations once; every test file then starts from a copy of the result. */
export default async function setup(project: TestProject) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-test-'));
  const pglite = await openPglite({});
  await runMigrations(pglite);
  const dump = await pglite.pglite?.dumpDataDir('none');
  if (!dump) throw new Error('no PGlite to dump');
  const templateFile = path.join(tmp, 'template.tar');
  writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplateFile', templateFile);

  const url = process.env.TEST_DATABASE_URL;
  let templateDb = '';
  if (url) {
    templateDb = `helpdesk_test_tpl_${process.pid}`;
    await adminQuery(url, `DROP DATABASE IF EXISTS ${templateDb}`);
    await adminQuery(url, `CREATE DATABASE ${templateDb}`);
    const database = openPostgres({ url: withDatabase(url, templateDb), poolSize: 2 });
    await runMigrations(database);
    await database.close();
  }
  project.provide('pgTemplateDatabase', templateDb);

  return async () => {
    rmSync(tmp, { recursive: true, force: true });
    if (url && templateDb) await adminQuery(url, `DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`);
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
