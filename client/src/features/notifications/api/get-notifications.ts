import { useQuery } from '@tanstack/react-query';
import { lazySchema, requestPage } from '../../../lib/api-client';
import { notificationKeys } from './keys';

const notificationPage = lazySchema((c) => c.pageSchema(c.notificationSchema));

/** `GET /api/notifications`: the latest 30, newest first. */
export const getNotifications = async (signal?: AbortSignal) =>
  (await requestPage('/api/notifications', notificationPage, { query: { limit: 30 }, signal })).items;

export const useNotifications = (enabled: boolean) =>
  useQuery({ queryKey: notificationKeys.list, queryFn: ({ signal }) => getNotifications(signal), enabled });
