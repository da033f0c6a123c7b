import { type CreateKbCategoryBody, kbCategorySchema, type UpdateKbCategoryBody } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { helpKeys } from './keys';

/** `POST /api/help/categories`, or with an id `PATCH /api/help/categories/:id`. */
export const saveCategory = (id: string | undefined, body: CreateKbCategoryBody | UpdateKbCategoryBody) =>
  id
    ? api.patch(`/api/help/categories/${id}`, kbCategorySchema, body)
    : api.post('/api/help/categories', kbCategorySchema, body);

export const useSaveCategory = (id?: string) =>
  useRefreshingMutation(
    (body: CreateKbCategoryBody | UpdateKbCategoryBody) => saveCategory(id, body),
    [helpKeys.categories],
  );
