import pg from 'pg';
import type { TestApp } from './build-test-app.js';

/**
 * Runs SQL the way an operator or another process would: on its own connection when there is
 * one (PostgreSQL), else on the app's database (PGlite has one connection). For the cache tests.
 */
export async function outsideSql(t: Pick<TestApp, 'url' | 'database'>, text: string, params: unknown[]) {
  if (!t.url) {
    await t.database.query(text, params);
    return;
  }
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}
