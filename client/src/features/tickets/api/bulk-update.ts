import { type BulkUpdateBody, bulkResultSchema } from '@helpdesk/contract';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { ticketKeys } from './keys';

/** `POST /api/tickets/bulk`: up to 100 tickets; the answer says per ticket whether it changed. */
export const bulkUpdate = (body: BulkUpdateBody) => api.post('/api/tickets/bulk', z.array(bulkResultSchema), body);

export const useBulkUpdate = () => useRefreshingMutation(bulkUpdate, [ticketKeys.all]);
