import { infiniteQueryOptions, type QueryKey } from '@tanstack/react-query';
import type { Page } from './api-client';

/**
 * Infinite-query options over a keyset-paged list (`cursor` in, `nextCursor` out); `data` is the
 * items of every page loaded so far.
 */
export function keysetQueryOptions<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
) {
  return infiniteQueryOptions({
    queryKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((p) => p.items),
  });
}
