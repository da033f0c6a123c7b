import { describe, expect, it } from 'vitest';
import { formatMinutes, perDay, slices } from './dashboard-model';

describe('dashboard model', () => {
  it('words median waits', () => {
    expect(formatMinutes(null)).toBe('—');
    expect(formatMinutes(0.5)).toBe('30 s');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(90)).toBe('1.5 h');
    expect(formatMinutes(2880)).toBe('2.0 d');
  });

  it('turns counts into chart bars and days into labels', () => {
    const status = { id: 's', name: 'Open', color: '#f00' };
    expect(slices([{ item: status, count: 4 }])).toEqual([{ name: 'Open', count: 4, color: '#f00' }]);
    expect(slices([{ item: { id: 'd', name: 'IT' }, count: 2 }])).toEqual([{ name: 'IT', count: 2, color: undefined }]);
    expect(perDay([{ date: '2026-11-26', created: 5, closed: 2 }])).toEqual([{ date: '11-26', created: 5, closed: 2 }]);
  });
});
