import { ticketCustomFieldSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { fieldKeys } from './keys';

/** `GET /api/tickets/:id/custom-fields`: the ticket's fields with values and editability. */
export const getTicketFields = (ticketId: string, signal?: AbortSignal) =>
  api.get(`/api/tickets/${ticketId}/custom-fields`, z.array(ticketCustomFieldSchema), { signal });

export const useTicketFields = (ticketId: string) =>
  useQuery({ queryKey: fieldKeys.ofTicket(ticketId), queryFn: ({ signal }) => getTicketFields(ticketId, signal) });
