import { type BulkTagsBody, bulkTagResultSchema } from '@helpdesk/contract';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { tagWrites } from './keys';

/** `POST /api/tags/bulk`: up to 100 tickets in one transaction; the result per ticket. */
export const bulkTags = (body: BulkTagsBody) => api.post('/api/tags/bulk', z.array(bulkTagResultSchema), body);

export const useBulkTags = () => useRefreshingMutation(bulkTags, tagWrites);
