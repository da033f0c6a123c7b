import { kbArticleSummarySchema, type ListKbArticlesQuery } from '@helpdesk/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { helpKeys } from './keys';

/** `GET /api/help/articles`: newest first, or with `q` a search with snippets, best first. */
export const listArticles = (query: ListKbArticlesQuery, signal?: AbortSignal) =>
  api.get('/api/help/articles', z.array(kbArticleSummarySchema), { query: { ...query }, signal });

export const useArticles = (query: ListKbArticlesQuery, enabled = true) =>
  useQuery({
    queryKey: helpKeys.articles(query),
    queryFn: ({ signal }) => listArticles(query, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
