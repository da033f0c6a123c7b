import { describe, expect, it } from 'vitest';
import { toModel } from './dashboard-model';

describe('toModel', () => {
  it('turns the dashboard answer into stats and series', () => {
    const m = toModel({
      unassigned: 3,
      myOpen: 2,
      medianFirstResponseSeconds: 5400,
      medianResolutionSeconds: null,
      openByStatus: [{ id: 's', name: 'Open', color: '#f00', count: 4 }],
      openByPriority: [{ item: { id: 'p', name: 'High', color: '#0f0' }, count: 1 }],
      openByDepartment: [{ id: 'd', name: 'IT', count: 4 }],
      createdVsClosed: [{ date: '2026-11-26', created: 5, closed: 2 }],
    });
    expect(m.stats.map((s) => [s.label, s.value])).toEqual([
      ['Unassigned', '3'],
      ['My open', '2'],
      ['Median first response', '1.5 h'],
      ['Median resolution', '—'],
    ]);
    expect(m.byStatus).toEqual([{ name: 'Open', count: 4, color: '#f00' }]);
    expect(m.byPriority).toEqual([{ name: 'High', count: 1, color: '#0f0' }]);
    expect(m.perDay).toEqual([{ date: '11-26', created: 5, closed: 2 }]);
  });
});
