import { ticketValuesResponseSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { fieldKeys } from './keys';

const valuesSchema = ticketValuesResponseSchema.shape.data;

/** `GET /api/custom-fields/values`: values of a page of tickets by ticket id and field key (queue columns). */
export const getTicketValues = (ticketIds: string[], signal?: AbortSignal) =>
  api.get('/api/custom-fields/values', valuesSchema, { query: { ticketId: ticketIds }, signal });

export const useTicketValues = (ticketIds: string[], enabled: boolean) =>
  useQuery({
    queryKey: fieldKeys.values(ticketIds),
    queryFn: ({ signal }) => getTicketValues(ticketIds, signal),
    enabled: enabled && ticketIds.length > 0,
  });
