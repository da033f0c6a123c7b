import type { notificationTypes } from '@helpdesk/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { lazySchema, requestPage } from '../../../lib/api-client';
import { keysetQueryOptions } from '../../../lib/keyset-query';
import { notificationKeys } from './keys';

const notificationPage = lazySchema((c) => c.pageSchema(c.notificationSchema));

export interface NotificationFilters {
  unread: boolean;
  type?: (typeof notificationTypes)[number];
  /** A ticket number. */
  ticket?: number;
}

/** `GET /api/notifications` with the page's filters, one keyset page at a time. */
export const listNotifications = (f: NotificationFilters, cursor: string | undefined, signal?: AbortSignal) =>
  requestPage('/api/notifications', notificationPage, {
    query: { unread: f.unread ? 'true' : undefined, type: f.type, ticket: f.ticket, limit: 25, cursor },
    signal,
  });

export const useNotificationPages = (filters: NotificationFilters) =>
  useInfiniteQuery(
    keysetQueryOptions(notificationKeys.page(filters), (cursor, signal) => listNotifications(filters, cursor, signal)),
  );
