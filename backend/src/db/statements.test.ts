import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDriver } from '../../test/test-database.js';
import { queryRows } from './client.js';
import { WriteBatch, write } from './write-batch.js';

// How statements reach the database: on PGlite through db/pglite-statements.ts (one exchange per
// statement, named statements kept), on PostgreSQL through node-postgres. Both must answer alike.
describe(`statements (${testDriver})`, async () => {
  const { database, drop } = await createTestDatabase();
  afterAll(drop);
  const { db } = database;
  await database.query(
    'CREATE TABLE stmt_probe (id int PRIMARY KEY, label text, tags text[], doc jsonb, at timestamptz)',
  );

  it('sends values of every kind and reads them back, with and without a statement name', async () => {
    const at = '2026-11-30T10:00:00.000Z';
    await database.query('INSERT INTO stmt_probe VALUES ($1, $2, $3, $4, $5)', [
      1,
      "it's",
      ['a', 'b,c'],
      JSON.stringify({ k: [1, 2] }),
      at,
    ]);
    for (const prepared of [undefined, 'probe_read']) {
      const [row] = await database.query<{ id: number; label: string; tags: string[]; doc: unknown; at: Date }>(
        'SELECT id, label, tags, doc, at FROM stmt_probe WHERE id = $1',
        [1],
        { prepared },
      );
      expect(row).toMatchObject({ id: 1, label: "it's", tags: ['a', 'b,c'], doc: { k: [1, 2] } });
      expect(new Date(row?.at as Date).toISOString()).toBe(at);
    }
    // queryRows keeps timestamps as PostgreSQL's text, named or not, as drizzle's raw queries do.
    for (const opts of [{}, { prepared: 'probe_at' }]) {
      const [row] = await queryRows<{ at: string; missing: null }>(
        db,
        sql`SELECT at, NULL AS missing FROM stmt_probe WHERE id = ${1}`,
        opts,
      );
      expect(typeof row?.at).toBe('string');
      expect(new Date(row?.at ?? '').toISOString()).toBe(at);
      expect(row?.missing).toBeNull();
    }
  });

  it('reuses a named statement with new values, also inside transactions', async () => {
    const read = (tx: typeof db, id: number) =>
      queryRows<{ label: string }>(tx, sql`SELECT label FROM stmt_probe WHERE id = ${id}`, { prepared: 'probe_label' });
    await database.query('INSERT INTO stmt_probe (id, label) VALUES (2, $1), (3, $2)', ['two', 'three']);
    expect(await read(db, 2)).toEqual([{ label: 'two' }]);
    expect(await read(db, 3)).toEqual([{ label: 'three' }]);
    const inside = await db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE stmt_probe SET label = 'changed' WHERE id = 2`);
      return read(tx as unknown as typeof db, 2);
    });
    expect(inside).toEqual([{ label: 'changed' }]);
    expect(await read(db, 4)).toEqual([]);
  });

  it('keeps a transaction to itself: a statement from outside waits for its end', async () => {
    await database.query('INSERT INTO stmt_probe (id, label) VALUES (10, $1)', ['before']);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tx = db.transaction(async (t) => {
      await t.execute(sql`UPDATE stmt_probe SET label = 'inside' WHERE id = 10`);
      await held;
      await t.execute(sql`UPDATE stmt_probe SET label = 'after' WHERE id = 10`);
    });
    const outside = database.query<{ label: string }>('SELECT label FROM stmt_probe WHERE id = 10');
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await tx;
    // PGlite runs one transaction at a time; PostgreSQL reads the committed row. Neither sees "inside".
    expect((await outside)[0]?.label).not.toBe('inside');
    expect((await database.query<{ label: string }>('SELECT label FROM stmt_probe WHERE id = 10'))[0]?.label).toBe(
      'after',
    );
  });

  it('reports errors with their SQLSTATE and stays usable; a failed transaction is rolled back', async () => {
    const err = await database.query('INSERT INTO stmt_probe (id) VALUES (1)').catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('23505');
    const bad = await database.query('SELECT nope FROM stmt_probe', [], { prepared: 'probe_bad' }).catch((e) => e);
    expect((bad as { code?: string }).code).toBe('42703');
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO stmt_probe (id, label) VALUES (20, 'rolled back')`);
        await tx.execute(sql`INSERT INTO stmt_probe (id) VALUES (1)`);
      }),
    ).rejects.toThrow();
    expect(await database.query('SELECT id FROM stmt_probe WHERE id = 20')).toEqual([]);
    expect(await database.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  it('follows a column whose type changes between two runs of the same text', async () => {
    const text = 'INSERT INTO stmt_retype (v) VALUES ($1) RETURNING v';
    await database.query('CREATE TABLE stmt_retype (v int)');
    expect(await database.query(text, [7])).toEqual([{ v: 7 }]);
    await database.query('DROP TABLE stmt_retype');
    await database.query('CREATE TABLE stmt_retype (v jsonb)');
    expect(await database.query(text, [JSON.stringify({ seven: 7 })])).toEqual([{ v: { seven: 7 } }]);
  });

  it("prepares drizzle's INSERT … VALUES once, keeps a bounded number of them, and follows a type change", async () => {
    await database.query('CREATE TABLE stmt_auto (v int)');
    const insert = 'insert into "stmt_auto" ("v") values ($1) returning "v"';
    expect(await database.query(insert, [1])).toEqual([{ v: 1 }]);
    expect(await database.query(insert, [2])).toEqual([{ v: 2 }]);
    // More distinct texts than are kept prepared (db/pglite-statements.ts), then the first again.
    for (let rows = 1; rows <= 110; rows++) {
      const values = Array.from({ length: rows }, (_, i) => `($${i + 1})`).join(', ');
      const text = `insert into "stmt_auto" ("v") values ${values}`;
      await database.query(
        text,
        Array.from({ length: rows }, (_, i) => i),
      );
    }
    expect(await database.query(insert, [3])).toEqual([{ v: 3 }]);
    await database.query('ALTER TABLE stmt_auto ALTER COLUMN v TYPE text');
    expect(await database.query(insert, ['three'])).toEqual([{ v: 'three' }]);
    const [count] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM stmt_auto');
    expect(count?.n).toBe(4 + (110 * 111) / 2);
  });

  it('runs a batch of writes as one statement: a part may reference a row another inserts, a failing part writes nothing', async () => {
    await database.query('CREATE TABLE batch_parent (id int PRIMARY KEY, at timestamptz DEFAULT now())');
    await database.query('CREATE TABLE batch_child (id int PRIMARY KEY, parent_id int REFERENCES batch_parent (id))');
    await db.transaction(async (tx) => {
      const batch = new WriteBatch();
      batch.add(sql`INSERT INTO batch_child (id, parent_id) VALUES (1, 1), (2, 1)`);
      await write(tx, sql`INSERT INTO batch_child (id, parent_id) VALUES (3, 1)`, batch);
      // Added to the batch, not run: nothing is written yet.
      expect(await queryRows(tx, sql`SELECT id FROM batch_child`)).toEqual([]);
      batch.add(sql`INSERT INTO batch_parent (id) VALUES (1)`);
      await batch.run(tx, { prepared: 'probe_batch' });
    });
    expect(await database.query('SELECT id FROM batch_parent')).toEqual([{ id: 1 }]);
    expect(await database.query('SELECT id FROM batch_child ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);

    // A batch of one part runs too; with a part that fails, none of them is written.
    const one = new WriteBatch();
    one.add(sql`INSERT INTO batch_parent (id) VALUES (2)`);
    await one.run(db);
    const failing = new WriteBatch();
    failing.add(sql`INSERT INTO batch_parent (id) VALUES (3)`);
    failing.add(sql`INSERT INTO batch_child (id, parent_id) VALUES (4, 99)`);
    const err = await failing.run(db).catch((e: unknown) => e);
    expect(
      (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code,
    ).toBe('23503');
    expect(await database.query('SELECT id FROM batch_parent ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await database.query('SELECT id FROM batch_child WHERE id = 4')).toEqual([]);
    // Without a batch, write runs the part at once; an empty batch sends nothing.
    await write(db, sql`INSERT INTO batch_parent (id) VALUES (5)`);
    await new WriteBatch().run(db);
    expect(await database.query('SELECT count(*)::int AS n FROM batch_parent')).toEqual([{ n: 3 }]);
  });
});
