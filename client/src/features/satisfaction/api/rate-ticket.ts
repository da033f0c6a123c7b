import { type RateBody, ticketSatisfactionSchema } from '@helpdesk/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { satisfactionKeys } from './keys';

/** `PUT /api/tickets/:id/satisfaction`: the customer rates (or re-rates) the latest resolution. */
export const rateTicket = ({ ticketId, body }: { ticketId: string; body: RateBody }) =>
  api.put(`/api/tickets/${ticketId}/satisfaction`, ticketSatisfactionSchema, body);

export function useRateTicket(ticketId: string, version: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: rateTicket,
    onSuccess: (data) => qc.setQueryData(satisfactionKeys.ticket(ticketId, version), data),
  });
}
