import type { CannedScope } from '@helpdesk/contract';

export const cannedKeys = {
  all: ['canned'] as const,
  list: (scope: CannedScope, q: string) => ['canned', 'list', scope, q] as const,
  forTicket: (ticketId: string, q: string) => ['canned', 'ticket', ticketId, q] as const,
};
