import { z } from 'zod';

export const notificationTypes = [
  'ticket_assigned',
  'customer_reply',
  'agent_reply',
  'status_changed',
  'mention',
  'new_ticket',
  'sla_warning',
  'sla_breached',
  'followed_reply',
] as const;

/** An in-app notification; the client polls the unread count. */
export const notificationSchema = z.object({
  id: z.uuid(),
  type: z.enum(notificationTypes),
  title: z.string(),
  body: z.string(),
  ticketId: z.uuid().nullable(),
  ticketNumber: z.number().int().nullable(),
  /** The message it is about (a mention's note, a followed ticket's new message): the client opens the ticket at it. */
  messageId: z.uuid().nullable(),
  isRead: z.boolean(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const listNotificationsQuerySchema = z.strictObject({
  /** `true`: unread only. */
  unread: z.enum(['true', 'false']).optional(),
  type: z.enum(notificationTypes).optional(),
  /** Only the notifications of the ticket with this number. */
  ticket: z.coerce.number().int().min(1).max(2147483647).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const unreadCountSchema = z.object({ count: z.number().int() });

/** `POST /api/notifications/read-all`: how many were unread. */
export const markAllReadResultSchema = z.object({ updated: z.number().int() });
