import type { Ticket, TicketDetail } from '@helpdesk/contract';
import type { AppDeps } from '../../app-deps.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { type AttachmentService, attachmentService } from '../attachments/attachments.service.js';
import type { Actor } from '../auth/actor.js';
import type { NotifiedTicket } from '../notifications/notifications.service.js';
import { canSeeSla } from '../sla/sla.policy.js';
import { canSeeTags } from '../tags/tags.policy.js';
import { findTicketView, listMessages, type TicketViewRow, type Viewer } from './queue.queries.js';
import { newSizeVerdicts, type SizeVerdicts } from './search-plan.js';
import {
  allowedActions,
  canViewTicket,
  scopeDepartments,
  seesInternalNotes,
  ticketScopeSql,
} from './tickets.policy.js';
import { toMessage, toTicket } from './tickets.presenter.js';
import * as repo from './tickets.repository.js';

/** What every ticket use case works with: made once per app by createTicketService. */
export interface TicketContext {
  deps: AppDeps;
  database: Database;
  db: Database['db'];
  files: AttachmentService;
  searchSizes: SizeVerdicts;
}

export function ticketContext(deps: AppDeps): TicketContext {
  return {
    deps,
    database: deps.database,
    db: deps.database.db,
    files: attachmentService(deps),
    searchSizes: newSizeVerdicts(),
  };
}

export const ticketNotFound = () => notFound('Ticket');

/** Who reads: the scope of the queue and whether internal notes count. */
export function viewerFor(actor: Actor): Viewer {
  return {
    id: actor.id,
    seesInternal: seesInternalNotes(actor),
    scope: ticketScopeSql(actor),
    scopeDepartments: scopeDepartments(actor),
    seesTags: canSeeTags(actor),
    seesSla: canSeeSla(actor),
  };
}

/** A ticket without its conversation or actions: for a caller who cannot view it (any more). */
export const fieldsOnly = (ticket: Ticket): TicketDetail => ({ ticket, messages: [], allowedActions: [] });

/** What the notifications of an event need to know about the ticket (after the change). */
export function notifiedTicket(
  cur: repo.TicketCore,
  after: { departmentId?: string; assignedToId?: string | null } = {},
): NotifiedTicket & { number: number } {
  return {
    id: cur.id,
    number: Number(cur.number),
    subject: cur.subject,
    customerId: cur.customerId,
    departmentId: after.departmentId ?? cur.departmentId,
    assignedToId: after.assignedToId !== undefined ? after.assignedToId : cur.assignedToId,
    customer: cur.customerRecipient,
  };
}

/**
 * The detail view as the actor may see it now, or undefined when the ticket is missing or outside
 * their scope. `unread`: also tell whether the actor has unread notifications of it (read in the
 * same statement as the ticket, so opening a ticket costs no extra query when not).
 */
async function readDetail(
  ctx: TicketContext,
  dbx: DbOrTx,
  actor: Actor,
  ref: repo.TicketRef,
  opts: { unread?: boolean } = {},
): Promise<{ detail: TicketDetail; unread: boolean; mergedIntoId: string | null } | undefined> {
  const viewer = viewerFor(actor);
  const row = await findTicketView(dbx, viewer, ref, { unreadNotifications: opts.unread });
  if (!row) return undefined;
  const messages = await listMessages(dbx, viewer, row.id);
  const filesByMessage = await ctx.files.byMessage(dbx, row.id, viewer.seesInternal);
  const detail = {
    ticket: toTicket(row),
    messages: messages.map((m) => toMessage(m, filesByMessage.get(m.id))),
    allowedActions: allowedActions(actor, {
      departmentId: row.departmentId,
      customerId: row.customerId,
      assignedToId: row.assigneeId,
      statusIsClosed: row.statusIsClosed,
    }),
  };
  return { detail, unread: row.unreadNotifications === true, mergedIntoId: row.mergedIntoId ?? null };
}

export async function visibleDetail(
  ctx: TicketContext,
  dbx: DbOrTx,
  actor: Actor,
  ref: repo.TicketRef,
): Promise<TicketDetail | undefined> {
  return (await readDetail(ctx, dbx, actor, ref))?.detail;
}

/** The detail view (404 when not visible), and whether the actor has unread notifications of the ticket. */
export async function detailWithUnread(
  ctx: TicketContext,
  actor: Actor,
  ref: repo.TicketRef,
): Promise<{ detail: TicketDetail; unread: boolean; mergedIntoId: string | null }> {
  const found = await readDetail(ctx, ctx.db, actor, ref, { unread: true });
  if (!found) throw ticketNotFound();
  return found;
}

export async function detail(ctx: TicketContext, actor: Actor, ref: repo.TicketRef): Promise<TicketDetail> {
  const found = await visibleDetail(ctx, ctx.db, actor, ref);
  if (!found) throw ticketNotFound();
  return found;
}

/**
 * The answer to a write the actor just made: the detail view when they may still see the ticket.
 * When this write took it out of their scope (filed or moved into a department they are not in),
 * only the ticket's fields as they wrote them: never its conversation, no actions.
 */
export async function answerAfterWrite(
  ctx: TicketContext,
  dbx: DbOrTx,
  actor: Actor,
  id: string,
): Promise<TicketDetail> {
  const visible = await visibleDetail(ctx, dbx, actor, { id });
  if (visible) return visible;
  const row = await findTicketView(dbx, viewerFor(actor), { id }, { ignoreScope: true });
  if (!row) throw ticketNotFound();
  return fieldsOnly(toTicket(row));
}

/**
 * The answer to filing a ticket, built from what the create wrote instead of read back (a round
 * trip saved per create): the detail view of a ticket with no conversation yet, or only its fields
 * when the actor cannot see it (filed into a department they are not in), as answerAfterWrite
 * would read them (tickets-after-write.test.ts compares the two).
 */
export function newTicketAnswer(actor: Actor, row: TicketViewRow): TicketDetail {
  const ticket = toTicket(row);
  const access = {
    departmentId: row.departmentId,
    customerId: row.customerId,
    assignedToId: row.assigneeId,
    statusIsClosed: row.statusIsClosed,
  };
  if (!canViewTicket(actor, access)) return fieldsOnly(ticket);
  return { ticket, messages: [], allowedActions: allowedActions(actor, access) };
}

/**
 * The ticket, if the actor may see it (404 like a missing id otherwise); `forUpdate` locks its row,
 * `withCustomer` also reads its customer as a recipient (findTicketCore).
 */
export async function findVisible(
  dbx: DbOrTx,
  actor: Actor,
  ref: repo.TicketRef,
  opts: { forUpdate?: boolean; withCustomer?: boolean } = {},
): Promise<repo.TicketCore> {
  const core = await repo.findTicketCore(dbx, ref, opts);
  if (!core || !canViewTicket(actor, core)) throw ticketNotFound();
  return core;
}

/** A 409 that carries the ticket as the actor sees it now, so the client can show what changed. */
export async function conflict(
  tx: DbOrTx,
  actor: Actor,
  id: string,
  code: 'CONFLICT' | 'VERSION_CONFLICT',
  message: string,
): Promise<AppError> {
  const current = await findTicketView(tx, viewerFor(actor), { id });
  return new AppError(code, 409, message, undefined, current ? { current: toTicket(current) } : undefined);
}
