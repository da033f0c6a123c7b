import type { Ticket } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { diffTickets } from './conflict';

const base = {
  id: 't1',
  number: 1001,
  subject: 'Printer',
  description: 'd',
  status: { id: 's1', name: 'Open', color: '#000', isClosed: false },
  priority: { id: 'p1', name: 'Low', level: 1, color: '#000' },
  department: { id: 'd1', name: 'IT' },
  customer: { id: 'c', name: 'C' },
  assignee: null,
  messageCount: 0,
  lastActivityAt: '',
  createdAt: '',
  updatedAt: '',
  closedAt: null,
  version: 1,
  createdBy: { id: 'c', name: 'C' },
} satisfies Ticket;

describe('diffTickets', () => {
  it('lists the fields someone else changed', () => {
    const current: Ticket = {
      ...base,
      version: 2,
      priority: { ...base.priority, id: 'p2', name: 'High' },
      assignee: { id: 'a', name: 'Alan' },
    };
    expect(diffTickets(base, current)).toEqual([
      { field: 'priorityId', yours: 'Low', theirs: 'High' },
      { field: 'assignedToId', yours: null, theirs: 'Alan' },
    ]);
  });
});
