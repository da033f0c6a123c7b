import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../src/db/client.js';
import { adminQuery, withDatabase } from './global-setup.js';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
export const testDriver: 'postgres' | 'pglite' = testDatabaseUrl ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file: a PGlite copy of the migrated template, or on
 * PostgreSQL (TEST_DATABASE_URL) a new database made from the migrated template database.
 * `url` is set on PostgreSQL so tests can start processes against the same database.
 */
export async function createTestDatabase(): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  if (!testDatabaseUrl) {
    const blob = new Blob([readFileSync(inject('pgliteTemplateFile'))]);
    const database = await openPglite({ loadDataDir: blob });
    return { database, drop: () => database.close() };
  }
  const name = `helpdesk_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(testDatabaseUrl, `CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplateDatabase')}`);
  const url = withDatabase(testDatabaseUrl, name);
  const database = openPostgres({ url, poolSize: 10 });
  return {
    database,
    url,
    async drop() {
      await database.close();
      await adminQuery(testDatabaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
