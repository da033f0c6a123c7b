import { tagSchema, type UpdateTagBody } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { tagWrites } from './keys';

/** `PATCH /api/tags/:id`: rename or recolour (tags.manage). */
export const updateTag = ({ id, body }: { id: string; body: UpdateTagBody }) =>
  api.patch(`/api/tags/${id}`, tagSchema, body);

export const useUpdateTag = () => useRefreshingMutation(updateTag, tagWrites);
