import { attachmentSchema } from '@helpdesk/contract';
import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './keys';

/** `GET /api/tickets/:id/attachments` (by uuid): every file of the ticket (`messageId` when it came with a message). */
export const getTicketAttachments = (ticketId: string, signal?: AbortSignal) =>
  api.get(`/api/tickets/${ticketId}/attachments`, z.array(attachmentSchema), { signal });

/** Waits while `ticketId` is unknown. */
export const ticketAttachmentsQueryOptions = (ticketId: string | undefined) =>
  queryOptions({
    queryKey: ticketKeys.attachments(ticketId ?? ''),
    queryFn: ticketId ? ({ signal }) => getTicketAttachments(ticketId, signal) : skipToken,
  });

export const useTicketAttachments = (ticketId: string | undefined) => useQuery(ticketAttachmentsQueryOptions(ticketId));
