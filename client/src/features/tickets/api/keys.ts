import type { TicketFilters } from './list-tickets';

export const ticketKeys = {
  all: ['tickets'] as const,
  list: (filters: TicketFilters) => ['tickets', 'list', filters] as const,
  detail: (idOrNumber: string) => ['tickets', 'detail', idOrNumber] as const,
  history: (id: string) => ['tickets', 'history', id] as const,
  attachments: (id: string) => ['tickets', 'attachments', id] as const,
  mentionable: (id: string, q: string) => ['tickets', 'mentionable', id, q] as const,
};
