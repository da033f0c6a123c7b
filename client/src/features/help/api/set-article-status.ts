import { kbArticleSchema, type SetKbArticleStatusBody } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { helpKeys } from './keys';

/** `POST /api/help/articles/:id/status`: publish, archive or back to draft. */
export const setArticleStatus = ({ id, ...body }: SetKbArticleStatusBody & { id: string }) =>
  api.post(`/api/help/articles/${id}/status`, kbArticleSchema, body);

export const useSetArticleStatus = () => useRefreshingMutation(setArticleStatus, [helpKeys.all]);
