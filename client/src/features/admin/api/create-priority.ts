import { type CreatePriorityBody, ticketPrioritySchema } from '@helpdesk/contract';
import { prioritiesKey } from '../../../lib/api/get-priorities';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';

/** `POST /api/priorities`: a new default replaces the old one. */
export const createPriority = (body: CreatePriorityBody) => api.post('/api/priorities', ticketPrioritySchema, body);

export const useCreatePriority = () => useRefreshingMutation(createPriority, [prioritiesKey]);
