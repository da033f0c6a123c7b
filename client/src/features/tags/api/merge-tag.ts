import { tagSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { tagWrites } from './keys';

/** `POST /api/tags/:id/merge`: the tag's tickets get `intoId`; the tag is removed (tags.manage). */
export const mergeTag = ({ id, intoId }: { id: string; intoId: string }) =>
  api.post(`/api/tags/${id}/merge`, tagSchema, { intoId });

export const useMergeTag = () => useRefreshingMutation(mergeTag, tagWrites);
