import { describe, expect, it } from 'vitest';
import { iso, isoOrNull } from './timestamps.js';

describe('iso: timestamps as the API shows them', () => {
  it("rewrites PostgreSQL's UTC text exactly as parsing it into a Date would", () => {
    for (const text of [
      '2026-11-26 23:58:57.558711+00',
      '2026-11-26 23:58:57.5+00',
      '2026-11-26 23:58:57.999999+00',
      '2026-11-26 23:58:57.0005+00',
      '2026-11-26 23:58:57+00',
      '1999-12-31 23:59:59.12+00',
      '2024-02-29 00:00:00.000001+00',
    ]) {
      expect(iso(text), text).toBe(new Date(text).toISOString());
    }
  });

  it('parses any other offset, and passes Dates and nulls through', () => {
    expect(iso('2026-11-27 01:30:00.25+02')).toBe('2026-11-26T23:30:00.250Z');
    expect(iso('2026-11-27 05:00:00+05:30')).toBe('2026-11-26T23:30:00.000Z');
    expect(iso(new Date('2026-11-26T23:58:57.558Z'))).toBe('2026-11-26T23:58:57.558Z');
    expect(isoOrNull(null)).toBeNull();
    expect(isoOrNull(undefined)).toBeNull();
  });
});
