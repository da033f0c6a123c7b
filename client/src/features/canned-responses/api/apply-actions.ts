import { type RenderedCannedResponse, ticketDetailSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';

/**
 * A sent response's status and priority change: `PATCH /api/tickets/:id` with the version the
 * response was filled in against, so a change someone made meanwhile is a 409, not overwritten.
 */
export function applyActions(ticketId: string, rendered: RenderedCannedResponse) {
  const { setStatus, setPriority } = rendered.actions;
  if (!setStatus && !setPriority) return Promise.resolve(undefined);
  return api.patch(`/api/tickets/${ticketId}`, ticketDetailSchema, {
    version: rendered.ticketVersion,
    ...(setStatus ? { statusId: setStatus.id } : {}),
    ...(setPriority ? { priorityId: setPriority.id } : {}),
  });
}
