import type { QueryClient } from '@tanstack/react-query';
import { meQueryOptions } from '../../../lib/api/get-me';
import { isStaff } from '../../../lib/permissions';
import { queueFiltersFrom } from '../saved-views';
import { ticketListQueryOptions } from './list-tickets';
import { prefetchStaffLists } from './prefetch-ticket';

/**
 * A queue opened by its address reads its first page and the lists its filters show while its
 * code loads (the route's loader), in one batch, rather than once the page has rendered (issue 22).
 * Only once it is known who asks: a signed-out visitor asks nothing.
 */
export async function prefetchQueue(qc: QueryClient, params: URLSearchParams): Promise<void> {
  const me = await qc.ensureQueryData(meQueryOptions).catch(() => null);
  if (!me || !isStaff(me)) return;
  void qc.prefetchInfiniteQuery(ticketListQueryOptions(queueFiltersFrom(params)));
  prefetchStaffLists(qc, me);
}
