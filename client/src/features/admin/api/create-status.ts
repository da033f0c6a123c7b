import { type CreateStatusBody, ticketStatusSchema } from '@helpdesk/contract';
import { statusesKey } from '../../../lib/api/get-statuses';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';

/** `POST /api/statuses`: a new default replaces the old one. */
export const createStatus = (body: CreateStatusBody) => api.post('/api/statuses', ticketStatusSchema, body);

export const useCreateStatus = () => useRefreshingMutation(createStatus, [statusesKey]);
