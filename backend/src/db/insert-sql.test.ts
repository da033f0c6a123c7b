import { sql } from 'drizzle-orm';
import { integer, jsonb, PgDialect, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDriver } from '../../test/test-database.js';
import { queryRows } from './client.js';
import { insertSql } from './insert-sql.js';

const probe = pgTable('insert_probe', {
  id: integer('id').primaryKey(),
  label: text('label').notNull().default('none'),
  tags: text('tags').array(),
  doc: jsonb('doc').$type<{ k: number[] }>(),
  at: timestamp('at', { withTimezone: true }),
  made: text('made').$defaultFn(() => 'by the app'),
});

// insertSql is the hot writes' shortcut past Drizzle's insert builder: it must write the same rows.
describe(`insertSql (${testDriver})`, async () => {
  const { database, drop } = await createTestDatabase();
  afterAll(drop);
  const { db } = database;
  await database.query(
    `CREATE TABLE insert_probe (id int PRIMARY KEY, label text NOT NULL DEFAULT 'none', tags text[], doc jsonb,
      at timestamptz, made text)`,
  );
  const rows = (base: number) => [
    { id: base + 1, label: "it's", tags: ['a', 'b,c'], doc: { k: [1, 2] }, at: new Date('2026-11-30T10:00:00Z') },
    { id: base + 2, at: null, made: sql`'from ' || 'sql'` },
    { id: base + 3 },
  ];
  const read = async (from: number) =>
    (
      await queryRows<Record<string, unknown>>(
        db,
        sql`SELECT id - ${from}::int AS n, label, tags, doc, at::text, made FROM insert_probe
            WHERE id > ${from}::int AND id <= ${from + 10}::int ORDER BY id`,
      )
    ).map((row) => ({ ...row, doc: typeof row.doc === 'string' ? JSON.parse(row.doc) : row.doc }));

  it('writes the rows the insert builder writes: defaults, $defaultFn, arrays, json, times and SQL values', async () => {
    await db.insert(probe).values(rows(0));
    await db.execute(insertSql(probe, rows(100)));
    const built = await read(0);
    expect(await read(100)).toEqual(built);
    expect(built).toEqual([
      {
        n: 1,
        label: "it's",
        tags: ['a', 'b,c'],
        doc: { k: [1, 2] },
        at: '2026-11-30 10:00:00+00',
        made: 'by the app',
      },
      { n: 2, label: 'none', tags: null, doc: null, at: null, made: 'from sql' },
      { n: 3, label: 'none', tags: null, doc: null, at: null, made: 'by the app' },
    ]);
  });

  it('leaves out the columns no row gives', async () => {
    const { sql: text, params } = new PgDialect().sqlToQuery(insertSql(probe, [{ id: 7 }, { id: 8, label: 'x' }]));
    expect(text).toBe('insert into "insert_probe" ("id", "label", "made") values ($1, default, $2), ($3, $4, $5)');
    expect(params).toEqual([7, 'by the app', 8, 'x', 'by the app']);
  });
});
