import { type CreateCustomFieldBody, customFieldSchema, type UpdateCustomFieldBody } from '@helpdesk/contract';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { fieldKeys } from './keys';

/** `POST /api/custom-fields`, or with an id `PATCH /api/custom-fields/:id`. */
export const saveField = (id: string | undefined, body: CreateCustomFieldBody | UpdateCustomFieldBody) =>
  id
    ? api.patch(`/api/custom-fields/${id}`, customFieldSchema, body)
    : api.post('/api/custom-fields', customFieldSchema, body);

export const useSaveField = () =>
  useRefreshingMutation(
    ({ id, body }: { id?: string; body: CreateCustomFieldBody | UpdateCustomFieldBody }) => saveField(id, body),
    [fieldKeys.all],
  );

/** `PUT /api/custom-fields/order`: every field id in the new order. */
export const useReorderFields = () =>
  useRefreshingMutation(
    (ids: string[]) => api.put('/api/custom-fields/order', z.array(customFieldSchema), { ids }),
    [fieldKeys.all],
  );
