import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, request } from '../../lib/api-client';
import type { Notification } from '../../lib/types';

export const notificationKeys = {
  count: ['notifications', 'count'] as const,
  list: ['notifications', 'list'] as const,
};

/**
 * Unread count, polled every 15 s. `null` while the notifications API is missing (404), so the
 * bell hides instead of erroring.
 */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.count,
    enabled,
    queryFn: async ({ signal }) => {
      try {
        const data = await api.get<{ count: number } | number>('/api/notifications/unread-count', undefined, signal);
        return typeof data === 'number' ? data : data.count;
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    refetchInterval: 15_000,
    refetchIntervalInBackground: false,
    staleTime: 10_000,
  });
}

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.list,
    enabled,
    queryFn: async ({ signal }) =>
      (await request<Notification[]>('GET', '/api/notifications', { query: { limit: 30 }, signal })).data,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      id === 'all' ? api.post('/api/notifications/read-all') : api.post(`/api/notifications/${id}/read`),
    onSettled: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
