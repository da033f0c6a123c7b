import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationCount, olderMigrationsFolder } from '../../test/migrations-folder.js';
import { testDriver } from '../../test/test-database.js';
import { loadConfig } from '../config.js';
import { buildEmbeddedTemplate, copyEmbeddedTemplate } from './embedded-template.js';
import { runMigrations } from './migrate.js';
import { openDatabase } from './open.js';

describe.skipIf(testDriver !== 'pglite')('the embedded database on its first and later starts', () => {
  // Made in beforeAll: the body of a skipped describe still runs.
  let tmp = '';
  let template = '';
  let olderTemplate = '';
  let older = '';
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-embedded-'));
    template = path.join(tmp, 'template');
    olderTemplate = path.join(tmp, 'older-template');
    older = olderMigrationsFolder();
    await buildEmbeddedTemplate(template);
    await buildEmbeddedTemplate(olderTemplate, older);
  });
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(older, { recursive: true, force: true });
  });

  const open = (dataDir: string, env: Record<string, string> = {}) =>
    openDatabase(loadConfig({ DATA_DIR: dataDir, ...env }));
  const identifier = async (dataDir: string) => {
    const database = await open(dataDir);
    try {
      const [row] = await database.query<{ id: string }>(
        'SELECT system_identifier::text AS id FROM pg_control_system()',
      );
      return row?.id;
    } finally {
      await database.close();
    }
  };

  it('starts from a copy of the migrated template and creates its own reference data', async () => {
    const dataDir = path.join(tmp, 'first');
    expect(copyEmbeddedTemplate(dataDir, template)).toBe(true);
    const database = await open(dataDir);
    try {
      expect(await runMigrations(database)).toBe(0); // every migration came with the template
      const roles = await database.query<{ name: string }>('SELECT name FROM roles ORDER BY name');
      expect(roles.map((r) => r.name)).toEqual(['ADMIN', 'AGENT', 'CUSTOMER', 'SUPER_ADMIN']);
      const [counts] = await database.query<{ statuses: number; departments: string[] }>(
        `SELECT (SELECT count(*)::int FROM ticket_statuses) AS statuses, (SELECT array_agg(name) FROM departments) AS departments`,
      );
      expect(counts).toEqual({ statuses: 5, departments: ['General Support'] });
    } finally {
      await database.close();
    }
    // initdb gives every database a new identifier; copies of one template share it.
    const second = path.join(tmp, 'second');
    copyEmbeddedTemplate(second, template);
    expect(await identifier(second)).toBe(await identifier(dataDir));
  });

  it('keeps its data across restarts and leaves an existing database alone', async () => {
    const dataDir = path.join(tmp, 'restarts');
    copyEmbeddedTemplate(dataDir, template);
    let database = await open(dataDir);
    await runMigrations(database);
    await database.query("INSERT INTO departments (name, description) VALUES ('Billing', 'Invoices')");
    await database.close();

    expect(copyEmbeddedTemplate(dataDir, template)).toBe(false);
    database = await open(dataDir);
    try {
      expect(await runMigrations(database)).toBe(0);
      const departments = await database.query<{ name: string }>('SELECT name FROM departments ORDER BY name');
      expect(departments.map((d) => d.name)).toEqual(['Billing', 'General Support']);
    } finally {
      await database.close();
    }
  });

  it('applies the migrations newer than its template on the first start', async () => {
    const dataDir = path.join(tmp, 'upgrade');
    copyEmbeddedTemplate(dataDir, olderTemplate);
    const database = await open(dataDir);
    try {
      expect(await runMigrations(database)).toBe(1);
      const [row] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
      expect(row?.n).toBe(migrationCount());
    } finally {
      await database.close();
    }
  });

  it('copies again over a first copy that stopped before its last file', async () => {
    const dataDir = path.join(tmp, 'interrupted');
    copyEmbeddedTemplate(dataDir, template);
    rmSync(path.join(dataDir, 'PG_VERSION'));
    rmSync(path.join(dataDir, 'global'), { recursive: true });
    expect(copyEmbeddedTemplate(dataDir, template)).toBe(true);
    const database = await open(dataDir);
    try {
      expect(await runMigrations(database)).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('holds EMBEDDED_DB_CACHE_MB of pages in memory (16 MB unless set)', async () => {
    const dataDir = path.join(tmp, 'cache');
    copyEmbeddedTemplate(dataDir, template);
    for (const [env, expected] of [
      [{}, '16MB'],
      [{ EMBEDDED_DB_CACHE_MB: '24' }, '24MB'],
    ] as const) {
      const database = await open(dataDir, env);
      try {
        const [row] = await database.query<{ shared_buffers: string }>('SHOW shared_buffers');
        expect(row?.shared_buffers).toBe(expected);
      } finally {
        await database.close();
      }
    }
  });
});
