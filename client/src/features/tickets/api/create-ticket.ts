import { type CreateTicketBody, ticketDetailSchema } from '@helpdesk/contract';
import { api, upload } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { ticketKeys } from './keys';

export interface NewTicket {
  body: CreateTicketBody;
  /** Sent with the ticket in the same request (multipart), with upload progress 0..1. */
  files: File[];
  onProgress?: (fraction: number) => void;
}

/**
 * `POST /api/tickets`: the same `idempotencyKey` files one ticket however often it is sent. With
 * files, one multipart request: the ticket and its files are filed together or not at all.
 */
export function createTicket({ body, files, onProgress }: NewTicket, idempotencyKey: string) {
  const headers = { 'Idempotency-Key': idempotencyKey };
  if (files.length === 0) return api.post('/api/tickets', ticketDetailSchema, body, { headers });
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value !== undefined) form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  for (const f of files) form.append('files', f, f.name);
  return upload('/api/tickets', form, ticketDetailSchema, onProgress, headers);
}

/** `idempotencyKey`: one per form, so that a double submit or a retry after a timeout files one ticket. */
export const useCreateTicket = (idempotencyKey: string) =>
  useRefreshingMutation((ticket: NewTicket) => createTicket(ticket, idempotencyKey), [ticketKeys.all]);
