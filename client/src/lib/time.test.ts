import { describe, expect, it } from 'vitest';
import { inDuration, relativeTime } from './time';

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

describe('inDuration', () => {
  it('rounds a wait up to seconds, minutes or hours', () => {
    expect(inDuration(0, 'en')).toBe('in 1 second');
    expect(inDuration(45, 'en')).toBe('in 45 seconds');
    expect(inDuration(60, 'en')).toBe('in 1 minute');
    expect(inDuration(61, 'en')).toBe('in 2 minutes');
    expect(inDuration(120, 'en')).toBe('in 2 minutes');
    expect(inDuration(3600, 'en')).toBe('in 1 hour');
    expect(inDuration(5400, 'en')).toBe('in 2 hours');
  });
});
