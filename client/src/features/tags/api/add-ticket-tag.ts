import { type AddTicketTagBody, tagSchema } from '@helpdesk/contract';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { tagWrites } from './keys';

/** `POST /api/tickets/:id/tags`: answers the ticket's tags. */
export const addTicketTag = (ticketId: string, body: AddTicketTagBody) =>
  api.post(`/api/tickets/${ticketId}/tags`, z.array(tagSchema), body);

export const useAddTicketTag = (ticketId: string) =>
  useRefreshingMutation((body: AddTicketTagBody) => addTicketTag(ticketId, body), tagWrites);
