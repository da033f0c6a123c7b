import type { Attachment, CreateMessageBody, TicketMessage } from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { forbidden, validationError } from '../../lib/app-error.js';
import type { StoredFile } from '../attachments/attachments.service.js';
import { type Actor, can, isCustomer } from '../auth/actor.js';
import { type NewEvent, recordEvents } from '../events/events.service.js';
import { ticketNotifications } from '../notifications/notifications.service.js';
import * as statuses from '../statuses/statuses.service.js';
import { findVisible, notifiedTicket, type TicketContext } from './ticket-context.js';
import { canAddInternalNote } from './tickets.policy.js';
import { toMessage } from './tickets.presenter.js';
import * as repo from './tickets.repository.js';

/** `POST /api/tickets/:id/messages`: a reply or an internal note, with the files already stored. */
export async function addMessage(
  ctx: TicketContext,
  actor: Actor,
  ref: repo.TicketRef,
  body: CreateMessageBody,
  uploaded: readonly StoredFile[] = [],
): Promise<TicketMessage> {
  const { message, saved } = await ctx.db.transaction(async (tx) => {
    const cur = await findVisible(tx, actor, ref, { forUpdate: true });
    if (body.isInternal ? !canAddInternalNote(actor) : !can(actor, 'tickets.reply')) {
      throw forbidden(body.isInternal ? 'You may not add internal notes' : 'You may not reply');
    }
    const message = await repo.insertMessage(tx, {
      ticketId: cur.id,
      authorId: actor.id,
      body: body.body,
      isInternal: body.isInternal,
    });
    const events: NewEvent[] = [
      {
        type: 'message.added',
        ticketId: cur.id,
        actorId: actor.id,
        payload: { messageId: message.id, isInternal: body.isInternal },
      },
    ];
    const history: repo.HistoryInput[] = [
      {
        ticketId: cur.id,
        actorId: actor.id,
        action: body.isInternal ? 'note_added' : 'message_added',
        newValue: message.id,
        isInternal: body.isInternal,
      },
    ];
    if (!body.isInternal) {
      // Internal notes leave updated_at alone, so customers cannot notice them.
      const set: repo.TicketChanges = {};
      let reopened = false;
      const fromCustomer = actor.id === cur.customerId || isCustomer(actor);
      if (!fromCustomer && !cur.firstResponseAt) set.firstResponseAt = sql`now()`;
      if (fromCustomer && (cur.statusIsClosed || /^waiting on customer$/i.test(cur.statusName))) {
        const reopen = statuses.findReopenStatus(await statuses.referenceData(ctx.database, tx));
        if (reopen && reopen.id !== cur.statusId) {
          set.statusId = reopen.id;
          set.closedAt = null;
          reopened = true;
          events.push({
            type: 'ticket.status_changed',
            ticketId: cur.id,
            actorId: actor.id,
            payload: { statusId: reopen.id, closed: false, reopened: true },
          });
          history.push({
            ticketId: cur.id,
            actorId: actor.id,
            action: 'status_changed',
            field: 'status',
            oldValue: cur.statusName,
            newValue: reopen.name,
          });
        }
      }
      await repo.updateTicket(tx, cur.id, set, { bumpVersion: reopened });
    }
    const saved = await ctx.files.recordForMessage(tx, {
      ticketId: cur.id,
      messageId: message.id,
      uploadedById: actor.id,
      files: uploaded,
    });
    for (const file of saved) {
      history.push({
        ticketId: cur.id,
        actorId: actor.id,
        action: 'attachment_added',
        field: 'attachment',
        newValue: file.fileName,
        isInternal: body.isInternal,
      });
    }
    await repo.insertHistory(tx, history);
    await recordEvents(tx, events);
    await ticketNotifications.messageAdded(tx, notifiedTicket(cur), actor.id, {
      body: body.body,
      isInternal: body.isInternal,
    });
    return { message, saved };
  });
  // The new message is the actor's own: answered from what was written, without reading it back.
  return toMessage(
    {
      ...message,
      body: body.body,
      isInternal: body.isInternal,
      authorId: actor.id,
      authorName: actor.name,
      authorRole: actor.roleName,
    },
    saved,
  );
}

/** `POST /api/tickets/:id/attachments`: files on their own, visible to everyone who sees the ticket. */
export async function attachFiles(
  ctx: TicketContext,
  actor: Actor,
  ref: repo.TicketRef,
  req: FastifyRequest,
): Promise<Attachment[]> {
  const cur = await findVisible(ctx.db, actor, ref);
  const upload = await ctx.files.receive(req);
  if (upload.files.length === 0) {
    await upload.discard();
    throw validationError('Attach at least one file', [{ path: 'files', message: 'required' }]);
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const saved = await ctx.files.recordForTicket(tx, {
        ticketId: cur.id,
        uploadedById: actor.id,
        files: upload.files,
      });
      await repo.insertHistory(
        tx,
        saved.map((file) => ({
          ticketId: cur.id,
          actorId: actor.id,
          action: 'attachment_added',
          field: 'attachment',
          newValue: file.fileName,
        })),
      );
      // Files on their own are public: the ticket counts as changed (without a new version).
      await repo.updateTicket(tx, cur.id, {}, { bumpVersion: false });
      return saved;
    });
  } catch (err) {
    await upload.discard();
    throw err;
  }
}
