import { validationError } from './app-error.js';

/**
 * Keyset cursors: the sort key values of a page's last row, as text, in base64url JSON. Opaque to
 * clients; a page asks for the rows after them. A cursor may start with fixed values (the sort and
 * order it was made for) so that it is refused under another sort.
 */

/** What each position of a cursor must hold: that exact text, or text matching the pattern. */
export type CursorShape = readonly (string | RegExp)[];

/** Patterns for the usual key columns. */
export const cursorKey = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /** ISO 8601 or PostgreSQL's `timestamptz::text`. */
  timestamp: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/,
  integer: /^-?\d{1,18}$/,
  real: /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i,
  text: /^[\s\S]{0,1000}$/,
} as const;

export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The values of a cursor, unchecked (undefined when it is not readable at all). */
export function readCursor(raw: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed;
  } catch {
    // not a cursor
  }
  return undefined;
}

/** The values of a cursor of this shape; a forged, broken or foreign one is a 400. */
export function decodeCursor<const S extends CursorShape>(raw: string, shape: S): { [K in keyof S]: string } {
  const values = readCursor(raw);
  const fits =
    values?.length === shape.length &&
    values.every((v, i) => {
      const expected = shape[i];
      return typeof expected === 'string' ? v === expected : expected?.test(v) === true;
    });
  if (!values || !fits) {
    throw validationError('The cursor is not valid', [{ path: 'querystring.cursor', message: 'Invalid cursor' }]);
  }
  return values as { [K in keyof S]: string };
}
