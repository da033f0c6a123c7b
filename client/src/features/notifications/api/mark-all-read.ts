import { api, lazySchema } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { notificationKeys } from './keys';

const markAllReadResult = lazySchema((c) => c.markAllReadResultSchema);

/** `POST /api/notifications/read-all`. */
export const markAllRead = () => api.post('/api/notifications/read-all', markAllReadResult);

export const useMarkAllRead = () => useRefreshingMutation(markAllRead, [notificationKeys.all]);
