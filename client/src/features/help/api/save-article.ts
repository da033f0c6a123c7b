import { type CreateKbArticleBody, kbArticleSchema, type UpdateKbArticleBody } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { helpKeys } from './keys';

/** `POST /api/help/articles` (a new draft), or with an id `PATCH /api/help/articles/:id` (with the version read). */
export const saveArticle = (id: string | undefined, body: CreateKbArticleBody | UpdateKbArticleBody) =>
  id
    ? api.patch(`/api/help/articles/${id}`, kbArticleSchema, body)
    : api.post('/api/help/articles', kbArticleSchema, body);

export const useSaveArticle = (id?: string) =>
  useRefreshingMutation((body: CreateKbArticleBody | UpdateKbArticleBody) => saveArticle(id, body), [helpKeys.all]);
