import { kbArticleSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { helpKeys } from './keys';

/** `GET /api/help/articles/:ref` (id, id-slug, slug or old slug): the answer has the canonical slug. */
export const getArticle = (ref: string, signal?: AbortSignal) =>
  api.get(`/api/help/articles/${encodeURIComponent(ref)}`, kbArticleSchema, { signal });

export const useArticle = (ref: string) =>
  useQuery({ queryKey: helpKeys.article(ref), queryFn: ({ signal }) => getArticle(ref, signal) });
