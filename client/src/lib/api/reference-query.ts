import { queryOptions } from '@tanstack/react-query';

/** The prefix of the reference lists (departments, statuses, priorities, agents): refresh them together. */
export const referenceKey = ['ref'] as const;

/** A reference list every page may need: cached for a minute and shared. */
export const referenceQueryOptions = <T>(name: string, fetchList: (signal: AbortSignal) => Promise<T>) =>
  queryOptions({ queryKey: [...referenceKey, name], queryFn: ({ signal }) => fetchList(signal), staleTime: 60_000 });
