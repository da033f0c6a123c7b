import { ticketHistoryEntrySchema } from '@helpdesk/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './keys';

/** `GET /api/tickets/:id/history`: what changed, when and by whom (customers: public events only). */
export const getTicketHistory = (ticketId: string, signal?: AbortSignal) =>
  api.get(`/api/tickets/${ticketId}/history`, z.array(ticketHistoryEntrySchema), { signal });

export const ticketHistoryQueryOptions = (ticketId: string) =>
  queryOptions({ queryKey: ticketKeys.history(ticketId), queryFn: ({ signal }) => getTicketHistory(ticketId, signal) });

export const useTicketHistory = (ticketId: string) => useQuery(ticketHistoryQueryOptions(ticketId));
