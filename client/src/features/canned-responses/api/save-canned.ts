import {
  type CreateCannedResponseBody,
  cannedResponseSchema,
  okSchema,
  type UpdateCannedResponseBody,
} from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { cannedKeys } from './keys';

/** `POST /api/canned-responses`, or with an id `PATCH /api/canned-responses/:id`. */
export const saveCanned = (id: string | undefined, body: CreateCannedResponseBody | UpdateCannedResponseBody) =>
  id
    ? api.patch(`/api/canned-responses/${id}`, cannedResponseSchema, body)
    : api.post('/api/canned-responses', cannedResponseSchema, body);

export const useSaveCanned = (id?: string) =>
  useRefreshingMutation(
    (body: CreateCannedResponseBody | UpdateCannedResponseBody) => saveCanned(id, body),
    [cannedKeys.all],
  );

/** `DELETE /api/canned-responses/:id`. */
export const deleteCanned = (id: string) => api.delete(`/api/canned-responses/${id}`, okSchema);

export const useDeleteCanned = () => useRefreshingMutation(deleteCanned, [cannedKeys.all]);
