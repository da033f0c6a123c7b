import type {
  BulkUpdateBody,
  CreateTicketBody,
  ListTicketsQuery,
  MergeTicketBody,
  SplitMessageBody,
  TicketDetail,
  UpdateTicketBody,
} from '@helpdesk/contract';
import type { SQLWrapper } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { forbidden } from '../../lib/app-error.js';
import type { StoredFile } from '../attachments/attachments.service.js';
import { type Actor, can, requirePermission } from '../auth/actor.js';
import { removeTicketValues } from '../custom-fields/custom-fields.service.js';
import { deleteTicketNotifications, markTicketNotificationsRead } from '../notifications/notifications.service.js';
import { assignToMe } from './assign-ticket.js';
import { createTicket } from './create-ticket.js';
import { type GlanceExtra, glance } from './glance.js';
import { listTickets } from './list-tickets.js';
import { mergeTicket, splitMessage } from './merge-ticket.js';
import { listHistory } from './queue.queries.js';
import { addMessage, attachFiles } from './reply.js';
import { detail, detailWithUnread, findVisible, ticketContext, viewerFor, visibleDetail } from './ticket-context.js';
import { canViewTicket, seesInternalNotes } from './tickets.policy.js';
import { toHistoryEntry } from './tickets.presenter.js';
import * as repo from './tickets.repository.js';
import { bulkUpdateTickets, updateTicket } from './update-ticket.js';

/**
 * Ticket use cases, one file each (create-ticket, update-ticket, assign-ticket, reply,
 * list-tickets); the queue's reads are in queue.queries.ts, how a search is read in
 * search-plan.ts, the writes in tickets.repository.ts. Every write runs in one transaction with
 * its ticket_history rows.
 */
export type { GlanceExtra } from './glance.js';
export { addWriteWithNewTicket } from './new-ticket-writes.js';

export function createTicketService(deps: AppDeps) {
  const ctx = ticketContext(deps);
  const { db } = ctx;

  return {
    /**
     * `POST /api/tickets`. `uploaded`: the files of a multipart request, recorded in the same
     * transaction as the ticket (the caller removes them when this throws or replays).
     */
    create: (
      actor: Actor,
      body: CreateTicketBody,
      idempotencyKey?: string,
      uploaded?: readonly StoredFile[],
      alsoWrite?: readonly SQLWrapper[],
    ) => createTicket(ctx, requirePermission(actor, 'tickets.create'), body, idempotencyKey, uploaded, alsoWrite),

    /** `GET /api/tickets`: one keyset page of the caller's queue; `reader`: a read replica (db/replicas.ts). */
    list: (actor: Actor, query: ListTicketsQuery, reader: Db = db) =>
      listTickets(reader === db ? ctx : { ...ctx, db: reader }, actor, query),

    /** `GET /api/tickets/:id` (uuid, `#1042` or `1042`). */
    get: (actor: Actor, rawRef: string) => detail(ctx, actor, repo.parseTicketRef(rawRef)),

    /**
     * `GET /api/tickets/:id`: the ticket its user opens, which reads their notifications of it (issue 17).
     * A merged ticket answers with where it went, when the actor may see that ticket.
     */
    async open(
      actor: Actor,
      rawRef: string,
    ): Promise<TicketDetail | { mergedIntoId: string; mergedIntoNumber: number }> {
      const { detail: found, unread, mergedIntoId } = await detailWithUnread(ctx, actor, repo.parseTicketRef(rawRef));
      if (mergedIntoId) {
        const target = await repo.findTicketCore(db, { id: mergedIntoId });
        if (target && canViewTicket(actor, target)) return { mergedIntoId: target.id, mergedIntoNumber: target.number };
      }
      // Most opens find nothing unread: then no UPDATE (the check was part of the ticket's read).
      if (unread) await markTicketNotificationsRead(db, actor, found.ticket.id);
      return found;
    },
    /** Access fields and newest public message, for presence and drafts (issue 17); 404 when not visible. */
    glance: (actor: Actor, rawRef: string) => glance(db, actor, repo.parseTicketRef(rawRef)),

    /** The glance with the caller's own column read in the same statement (presence's poll). */
    glanceWith: <X>(actor: Actor, rawRef: string, extra: GlanceExtra) =>
      glance<X>(db, actor, repo.parseTicketRef(rawRef), extra),

    /** `PATCH /api/tickets/:id`. */
    update: (actor: Actor, rawRef: string, body: UpdateTicketBody) =>
      updateTicket(ctx, actor, repo.parseTicketRef(rawRef), body),

    /** `POST /api/tickets/:id/assign-to-me`. */
    assignToMe: (actor: Actor, rawRef: string) => assignToMe(ctx, actor, repo.parseTicketRef(rawRef)),

    /** `POST /api/tickets/:id/messages`. */
    addMessage: (
      actor: Actor,
      rawRef: string,
      body: Parameters<typeof addMessage>[3],
      uploaded?: readonly StoredFile[],
    ) => addMessage(ctx, actor, repo.parseTicketRef(rawRef), body, uploaded),

    /** `POST /api/tickets/:id/merge` (issue 17). */
    merge: (actor: Actor, rawRef: string, body: MergeTicketBody) =>
      mergeTicket(ctx, actor, repo.parseTicketRef(rawRef), body),

    /** `POST /api/tickets/:id/messages/:messageId/split` (issue 17). */
    split: (actor: Actor, rawRef: string, messageId: string, body: SplitMessageBody) =>
      splitMessage(ctx, actor, repo.parseTicketRef(rawRef), messageId, body),

    /** `POST /api/tickets/:id/attachments`. */
    attachFiles: (actor: Actor, rawRef: string, req: FastifyRequest) =>
      attachFiles(ctx, actor, repo.parseTicketRef(rawRef), req),

    /** `GET /api/tickets/:id/attachments`: without internal notes' files for customers. */
    async listFiles(actor: Actor, rawRef: string) {
      const cur = await findVisible(db, actor, repo.parseTicketRef(rawRef));
      return ctx.files.listForTicket(db, cur.id, seesInternalNotes(actor));
    },

    /** `GET /api/tickets/:id/history`: customers see only events about public things. */
    async history(actor: Actor, rawRef: string) {
      const cur = await findVisible(db, actor, repo.parseTicketRef(rawRef));
      return (await listHistory(db, viewerFor(actor), cur.id)).map(toHistoryEntry);
    },

    /** `POST /api/tickets/bulk`. */
    bulk: (actor: Actor, body: BulkUpdateBody) =>
      bulkUpdateTickets(ctx, requirePermission(actor, 'tickets.bulk'), body.ticketIds, body.changes),

    /** `DELETE /api/tickets/:id`: the ticket and all its children, in one transaction. */
    async remove(actor: Actor, rawRef: string): Promise<{ id: string; deleted: true }> {
      const { id, storageKeys } = await db.transaction(async (tx) => {
        const cur = await findVisible(tx, actor, repo.parseTicketRef(rawRef), { forUpdate: true });
        if (!can(actor, 'tickets.delete')) throw forbidden();
        const keys = await ctx.files.removeRowsOfTicket(tx, cur.id);
        await deleteTicketNotifications(tx, cur.id);
        await removeTicketValues(tx, cur.id);
        await repo.deleteTicketTree(tx, cur.id);
        return { id: cur.id, storageKeys: keys };
      });
      // Only once the rows are gone for good: a rolled-back delete keeps its files.
      await ctx.files.removeFiles(storageKeys);
      return { id, deleted: true as const };
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;

/**
 * For modules that write about a ticket inside their own transaction (tags): the ticket locked
 * until commit, or 404 when it is missing or the actor may not see it.
 */
export const lockVisibleTicket = (tx: DbOrTx, actor: Actor, rawRef: string) =>
  findVisible(tx, actor, repo.parseTicketRef(rawRef), { forUpdate: true });

/** Ticket history rows written by another module, in its transaction. */
export const recordTicketHistory = (tx: DbOrTx, rows: repo.HistoryInput[]) => repo.insertHistory(tx, rows);

/**
 * The ticket as `actor` may see it now, read in the caller's transaction: what a recipient's mail
 * is built from (undefined when the ticket is gone or not theirs; internal notes only for note readers).
 */
export function ticketReader(deps: AppDeps) {
  const ctx = ticketContext(deps);
  return (tx: DbOrTx, actor: Actor, ticketId: string) => visibleDetail(ctx, tx, actor, { id: ticketId });
}

/** Who a ticket concerns (customer, assignee), for deciding whom to tell; what they read goes through ticketReader. */
export async function ticketParties(
  tx: DbOrTx,
  ticketId: string,
): Promise<{ customerId: string; assignedToId: string | null; departmentId: string } | undefined> {
  const core = await repo.findTicketCore(tx, { id: ticketId });
  return core && { customerId: core.customerId, assignedToId: core.assignedToId, departmentId: core.departmentId };
}
