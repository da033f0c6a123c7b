import { tagDeletedResponseSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { tagWrites } from './keys';

/** `DELETE /api/tags/:id`: off every ticket (tags.manage). */
export const deleteTag = (id: string) => api.delete(`/api/tags/${id}`, tagDeletedResponseSchema.shape.data);

export const useDeleteTag = () => useRefreshingMutation(deleteTag, tagWrites);
