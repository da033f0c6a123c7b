import type { ListNotificationsQuery, Notification } from '@helpdesk/contract';
import type { AppDeps } from '../../app-deps.js';
import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/app-error.js';
import { cursorKey, decodeCursor, encodeCursor } from '../../lib/cursor.js';
import type { Actor } from '../auth/actor.js';
import { mayHearOfNewTicket, mayReceive, ownNotifications } from './notifications.policy.js';
import * as repo from './notifications.repository.js';

/** What a notification needs to know about the ticket an event happened on. */
export interface NotifiedTicket {
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

/** The active users an internal note's @mentions name (mail asks each one's view of the note). */
export async function mentionedUserIds(db: DbOrTx, body: string): Promise<string[]> {
  return (await repo.findRecipients(db, { handles: mentionedHandles(body) })).map((u) => u.id);
}

/** Notifies those candidates (but the actor) who may read what it carries; others are skipped silently. */
async function notify(
  tx: DbOrTx,
  ticket: NotifiedTicket,
  actorId: string,
  to: { candidates: repo.RecipientCandidates; internal: boolean; newTicket?: boolean },
  content: { type: string; title: string; body: string },
): Promise<void> {
  const recipients = await repo.findRecipients(tx, to.candidates);
  await repo.insertNotifications(
    tx,
    recipients
      .map((u) => ({ ...u, permissions: new Set(u.permissions) }))
      .filter(
        (u) => u.id !== actorId && (to.newTicket ? mayHearOfNewTicket(u, ticket) : mayReceive(u, ticket, to.internal)),
      )
      .map((u) => ({ userId: u.id, ticketId: ticket.id, ...content })),
  );
}

/**
 * Fan-out of ticket events into notifications. Each function runs inside the caller's
 * transaction, so a notification exists exactly when its event does. Nobody is notified of
 * their own action, and only people who may read the ticket's text (internal-note text: who may
 * read internal notes there) receive it, whatever their role is called.
 */
export const ticketNotifications = {
  async ticketAssigned(tx: DbOrTx, ticket: NotifiedTicket, actorId: string): Promise<void> {
    if (!ticket.assignedToId || ticket.assignedToId === actorId) return;
    await notify(
      tx,
      ticket,
      actorId,
      { candidates: { ids: [ticket.assignedToId] }, internal: false },
      { type: 'ticket_assigned', title: `Ticket #${ticket.number} was assigned to you`, body: ticket.subject },
    );
  },

  async messageAdded(
    tx: DbOrTx,
    ticket: NotifiedTicket,
    actorId: string,
    message: { body: string; isInternal: boolean },
  ): Promise<void> {
    const body = excerpt(message.body);
    if (message.isInternal) {
      await notify(
        tx,
        ticket,
        actorId,
        { candidates: { handles: mentionedHandles(message.body) }, internal: true },
        { type: 'mention', title: `You were mentioned on #${ticket.number}`, body },
      );
      return;
    }
    if (actorId === ticket.customerId) {
      await notify(
        tx,
        ticket,
        actorId,
        {
          candidates: ticket.assignedToId ? { ids: [ticket.assignedToId] } : { departmentId: ticket.departmentId },
          internal: false,
        },
        { type: 'customer_reply', title: `New reply from the customer on #${ticket.number}`, body },
      );
      return;
    }
    await notify(
      tx,
      ticket,
      actorId,
      { candidates: { ids: [ticket.customerId] }, internal: false },
      { type: 'agent_reply', title: `New reply on your ticket #${ticket.number}`, body },
    );
  },

  /** A ticket created without an assignee: the department's staff who asked for it (profile setting). */
  async newUnassignedTicket(tx: DbOrTx, ticket: NotifiedTicket, actorId: string): Promise<void> {
    if (ticket.assignedToId) return;
    await notify(
      tx,
      ticket,
      actorId,
      { candidates: { departmentId: ticket.departmentId, newTicketsOptIn: true }, internal: false, newTicket: true },
      { type: 'new_ticket', title: `New unassigned ticket #${ticket.number}`, body: ticket.subject },
    );
  },

  async statusChanged(tx: DbOrTx, ticket: NotifiedTicket, actorId: string, statusName: string): Promise<void> {
    if (actorId === ticket.customerId) return;
    await notify(
      tx,
      ticket,
      actorId,
      { candidates: { ids: [ticket.customerId] }, internal: false },
      { type: 'status_changed', title: `Your ticket #${ticket.number} is now ${statusName}`, body: ticket.subject },
    );
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

/** The (created_at, id) keyset position a notifications cursor names. */
function afterRow(cursor: string): repo.AfterRow {
  const [createdAt, id] = decodeCursor(cursor, [cursorKey.timestamp, cursorKey.uuid]);
  return { createdAt: new Date(createdAt), id };
}

/**
 * Opening a ticket reads its notifications: called by `GET /api/tickets/:id` after the ticket
 * was found visible, so no extra request is needed (one UPDATE on the user's unread index).
 */
export function markTicketNotificationsRead(db: DbOrTx, actor: Pick<Actor, 'id'>, ticketId: string) {
  return repo.markAllRead(db, ownNotifications(actor), ticketId);
}

/** Removes a ticket's notifications in the caller's transaction (the ticket's deletion). */
export const deleteTicketNotifications = repo.deleteForTicket;

/** The signed-in user's own notifications. */
export function notificationService({ database }: AppDeps) {
  const { db } = database;
  return {
    async list(actor: Actor, query: ListNotificationsQuery) {
      const rows = await repo.listForUser(db, ownNotifications(actor), {
        unread: query.unread === 'true',
        type: query.type,
        ticketNumber: query.ticket,
        limit: query.limit,
        after: query.cursor ? afterRow(query.cursor) : undefined,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > query.limit && last
          ? encodeCursor([last.notification.createdAt.toISOString(), last.notification.id])
          : null;
      return { items: page.map(present), nextCursor };
    },
    unreadCount: (actor: Actor) => repo.countUnread(db, ownNotifications(actor)),
    async markRead(actor: Actor, id: string) {
      if (!(await repo.markRead(db, ownNotifications(actor), id))) throw notFound('Notification');
    },
    markAllRead: (actor: Actor) => repo.markAllRead(db, ownNotifications(actor)),
  };
}
