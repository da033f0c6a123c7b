import { ticketDetailSchema } from '@helpdesk/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './keys';

/** `GET /api/tickets/:id` (id, `#1042` or `1042`): the ticket, its conversation and what the caller may do. */
export const getTicket = (idOrNumber: string, signal?: AbortSignal) =>
  api.get(`/api/tickets/${encodeURIComponent(idOrNumber)}`, ticketDetailSchema, { signal });

export const ticketQueryOptions = (idOrNumber: string) =>
  queryOptions({ queryKey: ticketKeys.detail(idOrNumber), queryFn: ({ signal }) => getTicket(idOrNumber, signal) });

export const useTicket = (idOrNumber: string) => useQuery(ticketQueryOptions(idOrNumber));
