import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { helpKeys } from './keys';

/** `DELETE /api/help/categories/:id`: only an empty category (422 otherwise). */
export const deleteCategory = (id: string) =>
  api.delete(`/api/help/categories/${id}`, z.object({ ok: z.literal(true) }));

export const useDeleteCategory = () => useRefreshingMutation(deleteCategory, [helpKeys.categories]);
