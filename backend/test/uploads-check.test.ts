import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openPglite, openPostgres } from '../src/db/client.js';
import { factories } from './factories.js';
import { runCli } from './processes.js';
import { createTestDatabase, testDriver } from './test-database.js';
import { insertTicketRow } from './ticket-rows.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-uploads-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe(`helpdesk uploads:check (${testDriver})`, async () => {
  const uploadDir = path.join(tmp, 'uploads');
  let env: Record<string, string>;
  let drop = async () => {};
  if (testDriver === 'postgres') {
    const created = await createTestDatabase();
    await created.database.close();
    env = { DATABASE_URL: created.url as string, UPLOAD_DIR: uploadDir };
    drop = created.drop;
  } else {
    env = { DATA_DIR: path.join(tmp, 'data'), UPLOAD_DIR: uploadDir };
  }
  afterAll(() => drop());
  const open = async (): Promise<Database> =>
    env.DATABASE_URL ? openPostgres({ url: env.DATABASE_URL, poolSize: 2 }) : openPglite({ dataDir: env.DATA_DIR });

  const write = (key: string, content: string, ageMs = 0) => {
    const full = path.join(uploadDir, key);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
    if (ageMs) utimesSync(full, new Date(Date.now() - ageMs), new Date(Date.now() - ageMs));
  };

  it('removes old orphan files and reports missing and altered ones', async () => {
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const database = await open();
    try {
      const f = factories(database);
      const dept = await f.department();
      const customer = await f.user();
      const ticket = await insertTicketRow(database, { customerId: customer.id, departmentId: dept.id });
      const add = (key: string, hash: string) =>
        database.query(
          `INSERT INTO attachments (ticket_id, uploaded_by_id, file_name, mime_type, size_bytes, storage_key, sha256)
           VALUES ($1, $2, 'f.txt', 'text/plain', 4, $3, $4)`,
          [ticket.id, customer.id, key, hash],
        );
      await add('2026/01/good', sha('good'));
      await add('2026/01/gone', sha('gone'));
      await add('2026/01/altered', sha('original'));
      // A knowledge-base article's image lives in the same store and is no orphan.
      await database.query(
        `WITH a AS (INSERT INTO kb_articles (title, slug) VALUES ('With image', 'with-image') RETURNING id)
         INSERT INTO kb_images (article_id, file_name, mime_type, size_bytes, storage_key, sha256)
         SELECT id, 'i.png', 'image/png', 5, '2026/01/article-image', $1 FROM a`,
        [sha('image')],
      );
    } finally {
      await database.close();
    }
    write('2026/01/good', 'good');
    write('2026/01/altered', 'tampered');
    write('2026/01/old-orphan', 'x', 2 * 3600_000);
    write('.tmp/stale.part', 'x', 2 * 3600_000);
    write('2026/01/fresh-orphan', 'x');
    write('2026/01/article-image', 'image', 2 * 3600_000);

    const dry = await runCli(['uploads:check', '--dry-run'], env);
    expect(dry.code).toBe(2);
    expect(dry.stdout).toContain('orphan files would remove: 2');
    expect(dry.stdout).toMatch(/missing: 1\n.*2026\/01\/gone/);
    expect(dry.stdout).toMatch(/SHA-256: 1\n.*2026\/01\/altered/);
    expect(existsSync(path.join(uploadDir, '2026/01/old-orphan'))).toBe(true);

    const real = await runCli(['uploads:check'], env);
    expect(real.code).toBe(2);
    expect(real.stdout).toContain('orphan files removed: 2');
    expect(existsSync(path.join(uploadDir, '2026/01/old-orphan'))).toBe(false);
    expect(existsSync(path.join(uploadDir, '.tmp/stale.part'))).toBe(false);
    expect(existsSync(path.join(uploadDir, '2026/01/fresh-orphan'))).toBe(true);
    expect(existsSync(path.join(uploadDir, '2026/01/good'))).toBe(true);
    expect(existsSync(path.join(uploadDir, '2026/01/article-image'))).toBe(true);
  });
});
