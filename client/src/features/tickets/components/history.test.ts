import type { TicketHistoryEntry } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { describeEvent } from './history';

const ev = (e: Partial<TicketHistoryEntry>): TicketHistoryEntry => ({
  id: '1',
  action: 'updated',
  field: null,
  oldValue: null,
  newValue: null,
  isInternal: false,
  actor: null,
  createdAt: '',
  ...e,
});

describe('describeEvent', () => {
  it('names field changes and actions', () => {
    expect(describeEvent(ev({ action: 'status_changed', field: 'status', oldValue: 'Open', newValue: 'Closed' }))).toBe(
      'Status: Open → Closed',
    );
    expect(describeEvent(ev({ field: 'assignee', oldValue: null, newValue: 'Alan' }))).toBe('Assigned to Alan');
    expect(describeEvent(ev({ field: 'assignee', oldValue: 'Alan', newValue: null }))).toBe('Unassigned (was Alan)');
    expect(describeEvent(ev({ action: 'note_added', newValue: 'some-id' }))).toBe('Added an internal note');
    expect(describeEvent(ev({ action: 'something_new' }))).toBe('something new');
  });
});
