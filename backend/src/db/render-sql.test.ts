import { eq, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { insertSql } from './insert-sql.js';
import { renderSql } from './render-sql.js';
import { ticketHistory, tickets } from './schema/index.js';

const dialect = new PgDialect();
const drizzleText = (query: SQL) => {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { sql: text, params };
};

// renderSql is queryRows' shortcut past Drizzle's renderer: where it answers, it must answer alike.
describe('renderSql', () => {
  const at = new Date('2026-11-30T10:00:00Z');
  const nested = sql`SELECT number FROM new_ticket WHERE id = ${'a'}`;
  const cases: [string, SQL][] = [
    ['text only', sql`SELECT 1`],
    ['every kind of value', sql`SELECT ${"it's"}, ${42}, ${1.5}, ${true}, ${null}, ${10n}, ${at}, ${undefined}x`],
    ['nested templates, joined', sql`WITH n AS (${nested}) ${sql.join([sql`a = ${1}`, sql`b = ${2}`], sql` AND `)}`],
    ['a list', sql`WHERE voter_key IN ${['user:1', 'browser:2']} AND n IN ${[sql`${3}`, 4]}`],
    ['sql.param with and without an encoder', sql`${sql.param('x')} ${sql.param(at, tickets.createdAt)}`],
    ['raw text', sql`SELECT ${sql.raw('now()')}, ${'v'}`],
    ['an insert of insertSql', insertSql(ticketHistory, [{ ticketId: 'a', action: 'created', newValue: sql`${'#'}` }])],
    ['an empty template', sql.empty()],
  ];
  for (const [name, query] of cases) {
    it(`renders ${name} as Drizzle does`, () => {
      expect(renderSql(query)).toEqual(drizzleText(query));
    });
  }

  it("leaves columns, tables, names, builders and inlined values to Drizzle's renderer", () => {
    for (const query of [
      eq(tickets.id, 'a') as SQL,
      sql`SELECT * FROM ${tickets}`,
      sql`SELECT ${sql.identifier('x')}`,
      sql`SELECT ${sql.placeholder('p')}`,
      sql`SELECT ${'a'}`.inlineParams(),
      sql`SELECT ${sql`${'a'}`.inlineParams()}`,
    ]) {
      expect(renderSql(query)).toBeUndefined();
    }
  });
});
