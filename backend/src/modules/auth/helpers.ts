import { validationError } from '../../lib/app-error.js';

/** Opaque keyset cursor: the sort key of the last row of a page. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor; a forged or broken one is a 400. */
export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === length && parsed.every((v) => typeof v === 'string')) {
      return parsed as string[];
    }
  } catch {
    // falls through to the 400
  }
  throw validationError('The cursor is not valid', [{ path: 'query.cursor', message: 'Invalid cursor' }]);
}

/** The PostgreSQL SQLSTATE of an error, looking through Drizzle's wrapper. */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
