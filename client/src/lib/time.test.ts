import { describe, expect, it } from 'vitest';
import { relativeTime } from './time';

describe('relativeTime', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it('says just now, minutes, hours and days', () => {
    expect(relativeTime('2026-11-27T11:59:50Z', now, 'en')).toBe('just now');
    expect(relativeTime('2026-11-27T11:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(relativeTime('2026-11-27T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(relativeTime('2026-11-26T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(relativeTime('not a date', now, 'en')).toBe('');
  });
});
