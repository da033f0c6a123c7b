import { tagSchema } from '@helpdesk/contract';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { tagWrites } from './keys';

/** `DELETE /api/tickets/:id/tags/:tagId`: answers the ticket's tags. */
export const removeTicketTag = (ticketId: string, tagId: string) =>
  api.delete(`/api/tickets/${ticketId}/tags/${tagId}`, z.array(tagSchema));

export const useRemoveTicketTag = (ticketId: string) =>
  useRefreshingMutation((tagId: string) => removeTicketTag(ticketId, tagId), tagWrites);
