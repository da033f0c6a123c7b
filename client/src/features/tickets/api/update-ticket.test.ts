import type { Ticket } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../../../lib/api-client';
import { currentTicketOf, isVersionConflict } from './update-ticket';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const current = {
  id: id(1),
  number: 1001,
  subject: 'Printer',
  description: 'It jams',
  status: { id: id(2), name: 'Open', color: '#228be6', isClosed: false },
  priority: { id: id(3), name: 'High', level: 3, color: '#fa5252' },
  department: { id: id(4), name: 'IT' },
  customer: { id: id(5), name: 'Carla' },
  assignee: { id: id(6), name: 'Alan' },
  messageCount: 0,
  lastActivityAt: '2026-11-27T10:00:00.000Z',
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:05:00.000Z',
  closedAt: null,
  version: 3,
  createdBy: { id: id(5), name: 'Carla' },
} satisfies Ticket;

const conflict = (extra: object) =>
  toApiError(409, { success: false, error: { code: 'VERSION_CONFLICT', message: 'Changed' }, ...extra });

describe('a version conflict', () => {
  it('carries the ticket as it is now, beside the error', () => {
    const error = conflict({ current });
    expect(isVersionConflict(error)).toBe(true);
    expect(currentTicketOf(error)).toEqual(current);
  });

  it('may come without it (the caller can no longer see the ticket)', () => {
    expect(currentTicketOf(conflict({}))).toBeUndefined();
  });

  it('is no other 409', () => {
    const taken = toApiError(409, { success: false, error: { code: 'CONFLICT', message: 'Already assigned' } });
    expect(isVersionConflict(taken)).toBe(false);
    expect(isVersionConflict(new Error('x'))).toBe(false);
  });
});
