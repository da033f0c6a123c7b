import { useQuery } from '@tanstack/react-query';
import { api, lazySchema } from '../../../lib/api-client';
import { notificationKeys } from './keys';

const unreadCount = lazySchema((c) => c.unreadCountSchema);

/** `GET /api/notifications/unread-count`. */
export const getUnreadCount = async (signal?: AbortSignal) =>
  (await api.get('/api/notifications/unread-count', unreadCount, { signal })).count;

/** The unread count, polled every 15 s while the tab is visible. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: ({ signal }) => getUnreadCount(signal),
    refetchInterval: 15_000,
    refetchIntervalInBackground: false,
    staleTime: 10_000,
  });
}
