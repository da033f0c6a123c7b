import type { ListKbArticlesQuery } from '@helpdesk/contract';

export const helpKeys = {
  all: ['help'] as const,
  categories: ['help', 'categories'] as const,
  articles: (query: ListKbArticlesQuery) => ['help', 'articles', query] as const,
  suggestions: (subject: string) => ['help', 'suggestions', subject] as const,
  article: (ref: string) => ['help', 'article', ref] as const,
  versions: (id: string) => ['help', 'versions', id] as const,
  version: (id: string, version: number) => ['help', 'versions', id, version] as const,
};
