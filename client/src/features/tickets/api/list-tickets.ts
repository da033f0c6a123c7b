import { type ListTicketsQuery, ticketPageResponseSchema } from '@helpdesk/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { requestPage } from '../../../lib/api-client';
import { keysetQueryOptions } from '../../../lib/keyset-query';
import { ticketKeys } from './keys';

/** The filters the client sets, one value each: parameters of the contract's list query. */
export type TicketFilters = Partial<
  Record<
    Extract<
      keyof ListTicketsQuery,
      | 'status'
      | 'departmentId'
      | 'priorityId'
      | 'assignee'
      | 'rating'
      | 'sla'
      | 'q'
      | 'sort'
      | 'order'
      | 'tagsAny'
      | 'tagsAll'
      | 'tagsNone'
      | 'field'
    >,
    string
  >
>;

/** `GET /api/tickets`: one page of the queue (or of a customer's own tickets). */
/** `status: 'any'` (kept in the address so it is not the default, open) means no status filter. */
export const listTickets = (filters: TicketFilters, cursor: string | undefined, signal?: AbortSignal) =>
  requestPage('/api/tickets', ticketPageResponseSchema, {
    query: { ...filters, status: filters.status === 'any' ? undefined : filters.status, limit: 50, cursor },
    signal,
  });

export const ticketListQueryOptions = (filters: TicketFilters) => ({
  ...keysetQueryOptions(ticketKeys.list(filters), (cursor, signal) => listTickets(filters, cursor, signal)),
  // The queue stays fresh while someone looks at it.
  refetchInterval: 30_000,
});

export const useTicketList = (filters: TicketFilters) => useInfiniteQuery(ticketListQueryOptions(filters));
