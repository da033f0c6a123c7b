import { api, lazySchema } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { notificationKeys } from './keys';

const ok = lazySchema((c) => c.okSchema);

/** `POST /api/notifications/:id/read`. */
export const markRead = (id: string) => api.post(`/api/notifications/${id}/read`, ok);

export const useMarkRead = () => useRefreshingMutation(markRead, [notificationKeys.all]);
