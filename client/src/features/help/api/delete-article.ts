import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { helpKeys } from './keys';

/** `DELETE /api/help/articles/:id`: with its versions, votes and images (kb.publish). */
export const deleteArticle = (id: string) => api.delete(`/api/help/articles/${id}`, z.object({ ok: z.literal(true) }));

export const useDeleteArticle = () => useRefreshingMutation(deleteArticle, [helpKeys.all]);
