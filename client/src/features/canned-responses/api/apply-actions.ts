import { type RenderedCannedResponse, tagSchema, ticketDetailSchema } from '@helpdesk/contract';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

/**
 * A sent response's status and priority change: `PATCH /api/tickets/:id` with the version the
 * response was filled in against, so a change someone made meanwhile is a 409, not overwritten.
 */
export async function applyActions(ticketId: string, rendered: RenderedCannedResponse) {
  const { setStatus, setPriority, addTags } = rendered.actions;
  if (setStatus || setPriority)
    await api.patch(`/api/tickets/${ticketId}`, ticketDetailSchema, {
      version: rendered.ticketVersion,
      ...(setStatus ? { statusId: setStatus.id } : {}),
      ...(setPriority ? { priorityId: setPriority.id } : {}),
    });
  // Through the tags API, one by one: its rules and its history, as if the agent tagged by hand.
  for (const name of addTags) await api.post(`/api/tickets/${ticketId}/tags`, z.array(tagSchema), { name });
}

/** Whether sending the response changes the ticket. */
export const changesTicket = ({ actions }: RenderedCannedResponse) =>
  Boolean(actions.setStatus || actions.setPriority || actions.addTags.length);
