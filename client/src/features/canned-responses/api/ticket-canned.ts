import { cannedResponseSchema } from '@helpdesk/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { cannedKeys } from './keys';

/** `GET /api/tickets/:id/canned-responses`: the ones you may use on this ticket, most used first. */
export const listTicketCanned = (ticketId: string, q: string, signal?: AbortSignal) =>
  api.get(`/api/tickets/${ticketId}/canned-responses`, z.array(cannedResponseSchema), {
    query: { limit: 20, ...(q ? { q } : {}) },
    signal,
  });

export const useTicketCanned = (ticketId: string, q: string, enabled: boolean) =>
  useQuery({
    queryKey: cannedKeys.forTicket(ticketId, q),
    queryFn: ({ signal }) => listTicketCanned(ticketId, q, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
