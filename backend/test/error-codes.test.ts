import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ErrorCode, errorCatalog, errorCodes, errorResponseSchema } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { repoDir } from '../src/config.js';
import { AppError } from '../src/lib/app-error.js';

/** The rows of the table in docs/errors.md: code → status column. */
function documentedCodes(): Map<string, string> {
  const doc = readFileSync(path.join(repoDir, 'docs/errors.md'), 'utf8');
  const rows = new Map<string, string>();
  for (const m of doc.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]+) \| ([^|]+) \|$/gm)) {
    rows.set(m[1] as string, (m[2] as string).trim());
  }
  return rows;
}

describe('error codes', () => {
  it('docs/errors.md lists every code of the contract with its status, and no other', () => {
    const documented = documentedCodes();
    for (const code of errorCodes) {
      const { status } = errorCatalog[code];
      expect(documented.get(code), code).toBe(typeof status === 'number' ? String(status) : status.join(', '));
    }
    expect([...documented.keys()].sort()).toEqual([...errorCodes].sort());
  });

  it('the error shape accepts only the listed codes', () => {
    const answer = (code: string) => ({ success: false, error: { code, message: 'm' } });
    expect(errorResponseSchema.safeParse(answer('NAME_TAKEN')).success).toBe(true);
    expect(errorResponseSchema.safeParse(answer('SOMETHING_ELSE')).success).toBe(false);
  });

  it('an AppError takes a listed code with one of its statuses (else a type error)', () => {
    const thrown: AppError[] = [
      new AppError('NOT_FOUND', 404),
      new AppError('INVALID_TWO_FACTOR_CODE', 400),
      new AppError('INVALID_TWO_FACTOR_CODE', 401),
      // @ts-expect-error NOT_FOUND is a 404
      new AppError('NOT_FOUND', 400),
      // @ts-expect-error not a code of the contract
      new AppError('SOMETHING_ELSE', 400),
    ];
    expect(thrown.map((e) => e.code satisfies ErrorCode)).toHaveLength(5);
  });
});
