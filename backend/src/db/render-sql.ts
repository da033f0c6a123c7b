import { Param, Placeholder, SQL, StringChunk } from 'drizzle-orm';

/**
 * The text and parameters of a `sql` template, as Drizzle's PostgreSQL dialect renders them
 * (`$1`, `$2` … in order), for the common case: text, nested templates, plain values, lists and
 * `sql.param` values. Anything else (columns, tables, names, builders, inlined parameters) answers
 * undefined, and the caller renders the query with Drizzle.
 *
 * Why: Drizzle's renderer asks each chunk, one kind after another, which of a dozen classes it is
 * (a walk up its prototype chain each time) and copies its settings for every nested template: on
 * a new ticket's statement of ~50 parameters that was ~50 µs of server CPU per create, and a few
 * µs on every other statement; this walk takes a fraction of that.
 */
/** Set by `sql.inlineParams()` (private in Drizzle's types): Drizzle writes such values into the text. */
const inlined = (q: SQL) => (q as unknown as { shouldInlineParams: boolean }).shouldInlineParams;

export function renderSql(query: SQL): { sql: string; params: unknown[] } | undefined {
  const params: unknown[] = [];
  let text = '';

  const value = (v: unknown): boolean => {
    params.push(v);
    text += `$${params.length}`;
    return true;
  };
  const chunk = (c: unknown): boolean => {
    if (c instanceof StringChunk) {
      text += c.value.join('');
      return true;
    }
    if (c instanceof SQL) return !inlined(c) && c.queryChunks.every(chunk);
    if (c === undefined) return true;
    if (c === null || c instanceof Date) return value(c);
    switch (typeof c) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'bigint':
        return value(c);
    }
    if (Array.isArray(c)) {
      // As Drizzle writes a list: `(a, b, c)`, each item a chunk of its own.
      text += '(';
      const ok = c.every((item, i) => {
        if (i > 0) text += ', ';
        return chunk(item);
      });
      text += ')';
      return ok;
    }
    if (c instanceof Param && !(c.value instanceof Placeholder)) {
      const mapped = c.value === null ? null : c.encoder.mapToDriverValue(c.value);
      return mapped instanceof SQL ? chunk(mapped) : value(mapped);
    }
    return false;
  };

  return !inlined(query) && query.queryChunks.every(chunk) ? { sql: text, params } : undefined;
}
