import { type CreateTicketBody, ticketDetailSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { ticketKeys } from './keys';

/** `POST /api/tickets`: the same `idempotencyKey` files one ticket however often it is sent. */
export const createTicket = (body: CreateTicketBody, idempotencyKey: string) =>
  api.post('/api/tickets', ticketDetailSchema, body, { headers: { 'Idempotency-Key': idempotencyKey } });

/** `idempotencyKey`: one per form, so that a double submit or a retry after a timeout files one ticket. */
export const useCreateTicket = (idempotencyKey: string) =>
  useRefreshingMutation((body: CreateTicketBody) => createTicket(body, idempotencyKey), [ticketKeys.all]);
