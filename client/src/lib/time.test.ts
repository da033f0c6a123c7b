import { describe, expect, it } from 'vitest';
import { exactTime, formatDate, formatNumber, inDuration, relativeTime, shortDay, timeOfDay } from './time';

describe('relativeTime', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it('says now, minutes, hours and days in English', () => {
    expect(relativeTime('2026-11-27T11:59:50Z', now, 'en')).toBe('now');
    expect(relativeTime('2026-11-27T11:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(relativeTime('2026-11-27T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(relativeTime('2026-11-26T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(relativeTime('not a date', now, 'en')).toBe('');
  });
  it('and in German', () => {
    expect(relativeTime('2026-11-27T11:59:50Z', now, 'de')).toBe('jetzt');
    expect(relativeTime('2026-11-27T11:55:00Z', now, 'de')).toBe('vor 5 Minuten');
    expect(relativeTime('2026-11-26T12:00:00Z', now, 'de')).toBe('gestern');
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
    expect(inDuration(120, 'de')).toBe('in 2 Minuten');
  });
});

describe('dates and numbers', () => {
  it('follow the language', () => {
    expect(formatDate('2026-11-27', 'en')).toBe('Nov 27, 2026');
    expect(formatDate('2026-11-27', 'de')).toBe('27.11.2026');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'de')).toBe('1.234,5');
    expect(exactTime('x', 'en')).toBe('');
    expect(shortDay('2026-11-27', 'en')).toBe('Nov 27');
    expect(shortDay('2026-11-27', 'de')).toBe('27. Nov.');
    expect(timeOfDay(new Date(2026, 10, 27, 14, 5), 'de')).toBe('14:05');
    expect(timeOfDay(new Date(2026, 10, 27, 14, 5), 'en')).toBe('2:05 PM');
  });
});
