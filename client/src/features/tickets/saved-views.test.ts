import type { TicketStatus } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { builtInViews, filtersFromParams, loadViews, moveCursor, paramsFromFilters, sameFilters } from './saved-views';

const status = (name: string, isClosed = false): TicketStatus => ({
  id: name.toLowerCase(),
  name,
  color: '#000',
  sortOrder: 0,
  isClosed,
  isDefault: false,
  pausesSla: false,
});

describe('moveCursor', () => {
  it('starts at the first or last row and stays inside the list', () => {
    expect(moveCursor(-1, 1, 3)).toBe(0);
    expect(moveCursor(-1, -1, 3)).toBe(2);
    expect(moveCursor(2, 1, 3)).toBe(2);
    expect(moveCursor(0, -1, 3)).toBe(0);
    expect(moveCursor(1, 1, 3)).toBe(2);
    expect(moveCursor(0, 1, 0)).toBe(-1);
  });
});

describe('views', () => {
  it('has the built-in views, with waiting-on-customer found by name', () => {
    const views = builtInViews([status('Open'), status('Waiting on Customer'), status('Closed', true)]);
    expect(views.map((v) => v.name)).toEqual([
      'My open',
      'Unassigned',
      'All open',
      'Waiting on customer',
      'Recently closed',
    ]);
    expect(views[3]?.filters).toEqual({ status: 'waiting on customer' });
  });

  it('round-trips filters through the URL', () => {
    const f = { status: 'open', assignee: 'me', q: 'refund' };
    expect(filtersFromParams(paramsFromFilters(f))).toEqual(f);
    expect(sameFilters({ status: 'open' }, { status: 'open', q: undefined })).toBe(true);
    expect(sameFilters({ status: 'open' }, { status: 'closed' })).toBe(false);
  });

  it('ignores broken saved views in storage', () => {
    expect(loadViews('u', { getItem: () => '{not json' })).toEqual([]);
    expect(
      loadViews('u', { getItem: () => '[{"id":1},{"id":"a","name":"Mine","filters":{"status":"open"}}]' }),
    ).toEqual([{ id: 'a', name: 'Mine', filters: { status: 'open' } }]);
  });
});
