import {
  type Column,
  getTableColumns,
  getTableName,
  SQL,
  type SQLChunk,
  StringChunk,
  sql,
  type Table,
} from 'drizzle-orm';

/** A table's columns by property key, in the table's order; read once per table. */
const columnsOf = new WeakMap<Table, [string, Column][]>();

function columnList(table: Table): [string, Column][] {
  let columns = columnsOf.get(table);
  if (!columns) {
    columns = Object.entries(getTableColumns(table));
    columnsOf.set(table, columns);
  }
  return columns;
}

/** A row for insertSql: the table's insert values, each of which may be SQL instead. */
export type InsertRow<T extends Table> = { [K in keyof T['$inferInsert']]: T['$inferInsert'][K] | SQL };

/**
 * `INSERT INTO table (columns) VALUES (…), …` for rows keyed like Drizzle's `$inferInsert`, the
 * same statement `db.insert(table).values(rows)` writes, built for the hot writes (a new ticket's
 * history and SLA clock; a reply's message). Drizzle's builder lists every column of the table
 * and wraps each value in an object that its SQL renderer type-checks several times: building and
 * rendering took 20 µs (a history row) to 50 µs (an SLA clock) of server CPU, against 4–16 µs for
 * this (each value a plain parameter, already converted by its column; PostgreSQL takes its type
 * from the target column).
 *
 * Columns that no row gives are left out (their defaults apply) unless they have a `$defaultFn`; a
 * row without a value writes DEFAULT, or what the column's `$defaultFn` makes, as the builder
 * would. A value may be SQL (such as now()).
 */
export function insertSql<T extends Table>(table: T, rows: readonly InsertRow<T>[]): SQL {
  const given = (key: string) => rows.some((row) => row[key as keyof typeof row] !== undefined);
  const columns = columnList(table).filter(([key, column]) => column.defaultFn || given(key));
  const names = columns.map(([, column]) => `"${column.name}"`).join(', ');
  // One flat list of chunks: each nested SQL object costs the renderer a copy of its settings.
  const chunks: unknown[] = [new StringChunk(`insert into "${getTableName(table)}" (${names}) values `)];
  rows.forEach((row, r) => {
    columns.forEach(([key, column], c) => {
      chunks.push(new StringChunk(c > 0 ? ', ' : r > 0 ? ', (' : '('));
      let value: unknown = row[key as keyof typeof row];
      if (value === undefined) {
        if (!column.defaultFn) {
          chunks.push(new StringChunk('default'));
          return;
        }
        value = column.defaultFn();
      }
      if (value === null || value instanceof SQL) chunks.push(value);
      else {
        const driverValue = column.mapToDriverValue(value);
        // The renderer would write a bare array as a parenthesised list, not one parameter.
        chunks.push(Array.isArray(driverValue) ? sql.param(driverValue) : driverValue);
      }
    });
    chunks.push(new StringChunk(')'));
  });
  return new SQL(chunks as SQLChunk[]);
}
