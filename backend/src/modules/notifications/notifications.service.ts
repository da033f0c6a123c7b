import type { ListNotificationsQuery, Notification } from '@helpdesk/contract';
import type { SQL } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.js';
import type { Database, DbOrTx } from '../../db/client.js';
import type { WriteBatch } from '../../db/write-batch.js';
import { notFound } from '../../lib/app-error.js';
import { cursorKey, decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { type TicketNumber, textWithNumber } from '../../lib/ticket-number-text.js';
import type { Actor } from '../auth/actor.js';
import { departmentsWithOptIns } from './new-ticket-optins.cache.js';
import { mayHearOfNewTicket, mayReceive, ownNotifications } from './notifications.policy.js';
import * as repo from './notifications.repository.js';

/** What a notification needs to know about the ticket an event happened on. */
export interface NotifiedTicket {
  id: string;
  /** Known, or SQL for a ticket filed in the statement that writes its notifications. */
  number: TicketNumber;
  subject: string;
  customerId: string;
  departmentId: string;
  assignedToId: string | null;
  /**
   * The customer as a recipient when the caller read it already (a reply's locked read; null when
   * not active); otherwise read when a notification is for them.
   */
  customer?: repo.RecipientRow | null;
}

/** The ticket's customer as the one candidate, and their row when the caller brought it. */
const toCustomer = (ticket: NotifiedTicket) => ({
  candidates: { ids: [ticket.customerId] },
  known: ticket.customer === undefined ? undefined : ticket.customer ? [ticket.customer] : [],
  internal: false,
});

/** A reply's locked read brings the customer it notifies (tickets.repository findTicketCore). */
export { type RecipientRow, recipientJson } from './notifications.repository.js';

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

/**
 * Notifies those candidates (but the actor) who may read what it carries; others are skipped
 * silently. Returns the ids of those notified.
 */
async function notify(
  tx: DbOrTx,
  ticket: NotifiedTicket,
  actorId: string,
  to: { candidates: repo.RecipientCandidates; known?: repo.RecipientRow[]; internal: boolean; newTicket?: boolean },
  content: { type: string; title: string | SQL; body: string; messageId?: string },
  batch?: WriteBatch,
): Promise<string[]> {
  // `known`: the candidates' rows, read already with the caller's own statement (one round trip less).
  const recipients = (to.known ?? (await repo.findRecipients(tx, to.candidates)))
    .map((u) => ({ ...u, permissions: new Set(u.permissions) }))
    .filter(
      (u) => u.id !== actorId && (to.newTicket ? mayHearOfNewTicket(u, ticket) : mayReceive(u, ticket, to.internal)),
    );
  await repo.insertNotifications(
    tx,
    recipients.map((u) => ({ userId: u.id, ticketId: ticket.id, ...content })),
    batch,
  );
  return recipients.map((u) => u.id);
}

/**
 * Fan-out of ticket events into notifications. Each function runs inside the caller's
 * transaction, so a notification exists exactly when its event does. Nobody is notified of
 * their own action, and only people who may read the ticket's text (internal-note text: who may
 * read internal notes there) receive it, whatever their role is called.
 */
export const ticketNotifications = {
  async ticketAssigned(tx: DbOrTx, ticket: NotifiedTicket, actorId: string, batch?: WriteBatch): Promise<void> {
    if (!ticket.assignedToId || ticket.assignedToId === actorId) return;
    await notify(
      tx,
      ticket,
      actorId,
      { candidates: { ids: [ticket.assignedToId] }, internal: false },
      {
        type: 'ticket_assigned',
        title: textWithNumber(ticket.number, (n) => `Ticket #${n} was assigned to you`),
        body: ticket.subject,
      },
      batch,
    );
  },

  /**
   * A reply or a note. Returns who was mentioned and told (the followers module adds them as
   * followers). `followerIds`: the ticket's followers, told of a customer's message unless
   * another notification of it already reached them. The inserts go into `batch` when given.
   */
  async messageAdded(
    tx: DbOrTx,
    ticket: NotifiedTicket,
    actorId: string,
    message: { id?: string; body: string; isInternal: boolean },
    followerIds: readonly string[] = [],
    batch?: WriteBatch,
  ): Promise<{ mentioned: string[] }> {
    const body = excerpt(message.body);
    if (message.isInternal) {
      const mentioned = await notify(
        tx,
        ticket,
        actorId,
        { candidates: { handles: mentionedHandles(message.body) }, internal: true },
        {
          type: 'mention',
          title: textWithNumber(ticket.number, (n) => `You were mentioned on #${n}`),
          body,
          messageId: message.id,
        },
        batch,
      );
      return { mentioned };
    }
    if (actorId === ticket.customerId) {
      const told = await notify(
        tx,
        ticket,
        actorId,
        {
          candidates: ticket.assignedToId ? { ids: [ticket.assignedToId] } : { departmentId: ticket.departmentId },
          internal: false,
        },
        {
          type: 'customer_reply',
          title: textWithNumber(ticket.number, (n) => `New reply from the customer on #${n}`),
          body,
          messageId: message.id,
        },
        batch,
      );
      const followers = followerIds.filter((id) => !told.includes(id));
      if (followers.length) {
        await notify(
          tx,
          ticket,
          actorId,
          { candidates: { ids: followers }, internal: false },
          {
            type: 'followed_reply',
            title: textWithNumber(ticket.number, (n) => `New customer message on #${n}, which you follow`),
            body,
            messageId: message.id,
          },
          batch,
        );
      }
      return { mentioned: [] };
    }
    await notify(
      tx,
      ticket,
      actorId,
      toCustomer(ticket),
      {
        type: 'agent_reply',
        title: textWithNumber(ticket.number, (n) => `New reply on your ticket #${n}`),
        body,
        messageId: message.id,
      },
      batch,
    );
    return { mentioned: [] };
  },

  /**
   * A ticket created without an assignee: the department's staff who asked for it (profile
   * setting). `database` holds the cache that knows which departments have any of them.
   */
  async newUnassignedTicket(
    database: Database,
    tx: DbOrTx,
    ticket: NotifiedTicket,
    actorId: string,
    batch?: WriteBatch,
  ): Promise<void> {
    if (ticket.assignedToId) return;
    if (!(await departmentsWithOptIns(database, tx)).has(ticket.departmentId)) return;
    await notify(
      tx,
      ticket,
      actorId,
      { candidates: { departmentId: ticket.departmentId, newTicketsOptIn: true }, internal: false, newTicket: true },
      {
        type: 'new_ticket',
        title: textWithNumber(ticket.number, (n) => `New unassigned ticket #${n}`),
        body: ticket.subject,
      },
      batch,
    );
  },

  /**
   * An SLA warning or breach (docs/sla.md): the assignee, or the department's staff while
   * unassigned. Staff-only content (customers never see SLA data), sent by the system (no actor).
   */
  async slaAlert(tx: DbOrTx, ticket: NotifiedTicket, alert: { breached: boolean; target: string; dueAt: Date }) {
    const what = alert.target.replace('_', ' ');
    await notify(
      tx,
      ticket,
      '',
      {
        candidates: ticket.assignedToId ? { ids: [ticket.assignedToId] } : { departmentId: ticket.departmentId },
        internal: true,
      },
      alert.breached
        ? {
            type: 'sla_breached',
            title: textWithNumber(ticket.number, (n) => `SLA breached on #${n}: ${what}`),
            body: ticket.subject,
          }
        : {
            type: 'sla_warning',
            title: textWithNumber(
              ticket.number,
              (n) => `SLA warning on #${n}: ${what} due ${alert.dueAt.toISOString()}`,
            ),
            body: ticket.subject,
          },
    );
  },

  async statusChanged(
    tx: DbOrTx,
    ticket: NotifiedTicket,
    actorId: string,
    statusName: string,
    batch?: WriteBatch,
  ): Promise<void> {
    if (actorId === ticket.customerId) return;
    await notify(
      tx,
      ticket,
      actorId,
      toCustomer(ticket),
      {
        type: 'status_changed',
        title: textWithNumber(ticket.number, (n) => `Your ticket #${n} is now ${statusName}`),
        body: ticket.subject,
      },
      batch,
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
    messageId: n.messageId,
    isRead: n.isRead,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/** The (created_at, id) keyset position a notifications cursor names. */
function afterRow(cursor: string): repo.AfterRow {
  const [createdAt, id] = decodeCursor(cursor, [cursorKey.timestamp, cursorKey.uuid]);
  return { createdAt, id };
}

/**
 * Opening a ticket reads its notifications: called by `GET /api/tickets/:id` after the ticket
 * was found visible, so no extra request is needed (one UPDATE on the user's unread index).
 */
export function markTicketNotificationsRead(db: DbOrTx, actor: Pick<Actor, 'id'>, ticketId: string) {
  return repo.markAllRead(db, ownNotifications(actor), ticketId);
}

/**
 * SQL over the ticket `t`: whether the user has unread notifications of it, one probe of the
 * partial index idx_notifications_user_unread_ticket (user, ticket). The ticket's detail read asks it,
 * so that opening a ticket updates notifications only when there are unread ones.
 */
export const unreadNotificationsOfTicketSql = (userId: string) => repo.unreadOfTicketSql(userId);

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
      const nextCursor = rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.notification.id]) : null;
      return { items: page.map(present), nextCursor };
    },
    unreadCount: (actor: Actor) => repo.countUnread(db, ownNotifications(actor)),
    async markRead(actor: Actor, id: string) {
      if (!(await repo.markRead(db, ownNotifications(actor), id))) throw notFound('Notification');
    },
    markAllRead: (actor: Actor) => repo.markAllRead(db, ownNotifications(actor)),
  };
}
