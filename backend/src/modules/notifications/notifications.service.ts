import type { Notification } from '@helpdesk/contract';
import type { AppDeps } from '../../app-deps.js';
import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/app-error.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './notifications.repository.js';

/** What a notification needs to know about the ticket an event happened on. */
export interface TicketRef {
  id: string;
  number: number;
  subject: string;
  customerId: string;
  departmentId: string;
  assignedToId: string | null;
}

const excerpt = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/** `@maya`, `@maya.patel`, `@MayaPatel` → lower-case handles. */
export function mentionedHandles(body: string): string[] {
  const handles = new Set<string>();
  for (const match of body.matchAll(/(^|[^\p{L}\p{N}_.@])@([\p{L}\p{N}][\p{L}\p{N}._-]{0,63})/gu)) {
    handles.add((match[2] ?? '').replace(/[.]+$/, '').toLowerCase());
  }
  return [...handles].filter(Boolean);
}

/**
 * Fan-out of ticket events into notifications. Each function runs inside the caller's
 * transaction, so a notification exists exactly when its event does. Nobody is notified of
 * their own action, and a customer's notification never carries internal-note text.
 */
export const notifyOn = {
  async ticketAssigned(tx: DbOrTx, ticket: TicketRef, actorId: string): Promise<void> {
    if (!ticket.assignedToId || ticket.assignedToId === actorId) return;
    await repo.insertNotifications(tx, [
      {
        userId: ticket.assignedToId,
        ticketId: ticket.id,
        type: 'ticket_assigned',
        title: `Ticket #${ticket.number} was assigned to you`,
        body: ticket.subject,
      },
    ]);
  },

  async messageAdded(
    tx: DbOrTx,
    ticket: TicketRef,
    actorId: string,
    message: { body: string; isInternal: boolean },
  ): Promise<void> {
    if (message.isInternal) {
      const mentioned = await repo.staffByHandles(tx, mentionedHandles(message.body));
      await repo.insertNotifications(
        tx,
        mentioned
          .filter((u) => u.id !== actorId)
          .map((u) => ({
            userId: u.id,
            ticketId: ticket.id,
            type: 'mention',
            title: `You were mentioned on #${ticket.number}`,
            body: excerpt(message.body),
          })),
      );
      return;
    }
    if (actorId === ticket.customerId) {
      const recipients = ticket.assignedToId
        ? [ticket.assignedToId]
        : await repo.activeDepartmentStaff(tx, ticket.departmentId);
      await repo.insertNotifications(
        tx,
        recipients
          .filter((id) => id !== actorId)
          .map((userId) => ({
            userId,
            ticketId: ticket.id,
            type: 'customer_reply',
            title: `New reply from the customer on #${ticket.number}`,
            body: excerpt(message.body),
          })),
      );
      return;
    }
    await repo.insertNotifications(tx, [
      {
        userId: ticket.customerId,
        ticketId: ticket.id,
        type: 'agent_reply',
        title: `New reply on your ticket #${ticket.number}`,
        body: excerpt(message.body),
      },
    ]);
  },

  async statusChanged(tx: DbOrTx, ticket: TicketRef, actorId: string, statusName: string): Promise<void> {
    if (actorId === ticket.customerId) return;
    await repo.insertNotifications(tx, [
      {
        userId: ticket.customerId,
        ticketId: ticket.id,
        type: 'status_changed',
        title: `Your ticket #${ticket.number} is now ${statusName}`,
        body: ticket.subject,
      },
    ]);
  },
};

type Row = Awaited<ReturnType<typeof repo.listForUser>>[number];

function present({ notification: n, ticketNumber }: Row): Notification {
  return {
    id: n.id,
    type: n.type as Notification['type'],
    title: n.title,
    body: n.body,
    ticketId: n.ticketId,
    ticketNumber: ticketNumber ?? null,
    isRead: n.isRead,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/** The signed-in user's own notifications. */
export function notificationService({ database }: AppDeps) {
  const { db } = database;
  return {
    async list(actor: Actor, query: { unread?: 'true' | 'false'; limit: number; cursor?: string }) {
      const rows = await repo.listForUser(db, actor.id, {
        unread: query.unread === 'true',
        limit: query.limit,
        cursor: decodeCursor(query.cursor),
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > query.limit && last
          ? encodeCursor({ value: last.notification.createdAt.toISOString(), id: last.notification.id })
          : null;
      return { items: page.map(present), nextCursor };
    },
    unreadCount: (actor: Actor) => repo.countUnread(db, actor.id),
    async markRead(actor: Actor, id: string) {
      if (!(await repo.markRead(db, actor.id, id))) throw notFound('Notification');
    },
    markAllRead: (actor: Actor) => repo.markAllRead(db, actor.id),
  };
}
