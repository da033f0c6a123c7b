import { describe, expect, it } from 'vitest';
import { anyActivity, formatMinutes, perDay, slices } from './dashboard-model';

describe('dashboard model', () => {
  it('words median waits in the language shown', () => {
    expect(formatMinutes(null)).toBe('—');
    expect(formatMinutes(0.5, 'en')).toBe('30 sec');
    expect(formatMinutes(45, 'en')).toBe('45 min');
    expect(formatMinutes(90, 'en')).toBe('1.5 hr');
    expect(formatMinutes(2880, 'en')).toBe('2 days');
    expect(formatMinutes(90, 'de')).toBe('1,5 Std.');
  });

  it('turns counts into chart bars and days into labels', () => {
    const status = { id: 's', name: 'Open', color: '#f00' };
    expect(slices([{ item: status, count: 4 }])).toEqual([{ name: 'Open', count: 4, color: '#f00' }]);
    expect(slices([{ item: { id: 'd', name: 'IT' }, count: 2 }])).toEqual([{ name: 'IT', count: 2, color: undefined }]);
    expect(perDay([{ date: '2026-11-26', created: 5, closed: 2 }], 'en')).toEqual([
      { date: 'Nov 26', created: 5, closed: 2 },
    ]);
    expect(anyActivity([{ date: '2026-11-26', created: 0, closed: 0 }])).toBe(false);
    expect(anyActivity([{ date: '2026-11-26', created: 0, closed: 1 }])).toBe(true);
  });
});
