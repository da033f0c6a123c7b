import {
  type Ticket,
  type TicketDetail,
  ticketDetailSchema,
  type UpdateTicketBody,
  versionConflictResponseSchema,
} from '@helpdesk/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';
import { ticketKeys } from './keys';

/** The fields of a change, without the version it is based on (custom fields change in their own feature). */
export type TicketChange = Omit<UpdateTicketBody, 'version' | 'customFields'>;

/** `PATCH /api/tickets/:id`: a stale `version` is a 409 VERSION_CONFLICT. */
export const updateTicket = (ticketId: string, body: UpdateTicketBody) =>
  api.patch(`/api/tickets/${ticketId}`, ticketDetailSchema, body);

/** `detailKey`: the key the page shows the ticket under (its id or number from the address). */
export function useUpdateTicket(ticketId: string, detailKey: string = ticketId) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTicketBody) => updateTicket(ticketId, body),
    onSuccess: (detail) => {
      qc.setQueryData(ticketKeys.detail(detailKey), detail);
      return qc.invalidateQueries({ queryKey: ticketKeys.all });
    },
  });
}

/** Whether a change was refused because someone else changed the ticket first. */
export const isVersionConflict = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.code === 'VERSION_CONFLICT';

/** The ticket as it is now, which a VERSION_CONFLICT answer carries beside the error (when the caller may still see it). */
export function currentTicketOf(error: ApiError): Ticket | undefined {
  const parsed = versionConflictResponseSchema.safeParse(error.payload);
  return parsed.success ? parsed.data.current : undefined;
}

/** Shows the ticket as it is now on the page that showed a stale one. */
export function useShowCurrentTicket(detailKey: string) {
  const qc = useQueryClient();
  return (current: Ticket) =>
    qc.setQueryData<TicketDetail>(ticketKeys.detail(detailKey), (old) => (old ? { ...old, ticket: current } : old));
}
