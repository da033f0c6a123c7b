import { renderedCannedResponseSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';

/** `POST /api/tickets/:id/canned-responses/:responseId/render`: filled in for the ticket; counts a use. */
export const renderCanned = (ticketId: string, responseId: string) =>
  api.post(`/api/tickets/${ticketId}/canned-responses/${responseId}/render`, renderedCannedResponseSchema);
