import { kbArticleSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { helpKeys } from './keys';

/** `POST /api/help/articles/:id/versions/:version/restore`, with the version the editor read. */
export const restoreVersion = ({ id, version, current }: { id: string; version: number; current: number }) =>
  api.post(`/api/help/articles/${id}/versions/${version}/restore`, kbArticleSchema, { version: current });

export const useRestoreVersion = () => useRefreshingMutation(restoreVersion, [helpKeys.all]);
