import { ticketSatisfactionSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { satisfactionKeys } from './keys';

/** `GET /api/tickets/:id/satisfaction`: the ticket's ratings, one per resolution, newest first. */
export const getTicketSatisfaction = (ticketId: string, signal?: AbortSignal) =>
  api.get(`/api/tickets/${ticketId}/satisfaction`, ticketSatisfactionSchema, { signal });

export const useTicketSatisfaction = (ticketId: string, version: number) =>
  useQuery({
    queryKey: satisfactionKeys.ticket(ticketId, version),
    queryFn: ({ signal }) => getTicketSatisfaction(ticketId, signal),
  });
