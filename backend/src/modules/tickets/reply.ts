import type { Attachment, CreateMessageBody, TicketMessage } from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import { WriteBatch } from '../../db/write-batch.js';
import { forbidden, validationError } from '../../lib/app-error.js';
import type { StoredFile } from '../attachments/attachments.service.js';
import { type Actor, can, isCustomer, isStaff } from '../auth/actor.js';
import { type NewEvent, recordEvents } from '../events/events.service.js';
import { addFollowers, listFollowers } from '../followers/follower-list.service.js';
import { ticketNotifications } from '../notifications/notifications.service.js';
import * as statuses from '../statuses/statuses.service.js';
import { followMerges } from './merge-ticket.js';
import { slaNow, syncSla } from './sla-sync.js';
import { findVisible, notifiedTicket, type TicketContext } from './ticket-context.js';
import { canAddInternalNote, canCloseOrReopen } from './tickets.policy.js';
import { toMessage } from './tickets.presenter.js';
import * as repo from './tickets.repository.js';
import { applyChanges, checkChanges } from './update-ticket.js';

/** `POST /api/tickets/:id/messages`: a reply or an internal note, with the files already stored. */
export async function addMessage(
  ctx: TicketContext,
  actor: Actor,
  ref: repo.TicketRef,
  body: CreateMessageBody,
  uploaded: readonly StoredFile[] = [],
): Promise<TicketMessage> {
  const { message, saved } = await ctx.db.transaction(async (tx) => {
    // A reply to a merged ticket (or one that waited for the merge's lock) lands on the target.
    // The customer's recipient row comes with the locked read: a public reply notifies them.
    const lock = { forUpdate: true, withCustomer: !body.isInternal && isStaff(actor) };
    const cur = await followMerges(tx, actor, await findVisible(tx, actor, ref, lock), lock);
    if (body.isInternal ? !canAddInternalNote(actor) : !can(actor, 'tickets.reply')) {
      throw forbidden(body.isInternal ? 'You may not add internal notes' : 'You may not reply');
    }
    // "Send and mark <status>": every rule and the version are checked before anything is written.
    if (body.statusId !== undefined) await checkChanges(ctx, tx, actor, cur, { statusId: body.statusId }, body.version);
    // The rows that follow from the message need nothing from each other: one statement at the end.
    const batch = new WriteBatch();
    // Files reference their message, so with files it is written first; otherwise with the rest.
    const message = await repo.insertMessage(
      tx,
      { ticketId: cur.id, authorId: actor.id, body: body.body, isInternal: body.isInternal },
      uploaded.length === 0 && cur.lockedAt !== undefined ? { batch, lockedAt: cur.lockedAt } : undefined,
    );
    let replyStatusId: string | undefined;
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
      if (!fromCustomer && !cur.firstResponseAt) set.firstResponseAt = ctx.deps.now ? slaNow(ctx) : sql`now()`;
      // An explicit status wins over the automatic moves (reopen, the department's reply status).
      if (body.statusId === undefined && !fromCustomer) {
        replyStatusId = await departmentReplyStatus(ctx, tx, actor, cur);
      }
      const refs = await statuses.referenceData(ctx.database, tx);
      // A customer's answer reopens a closed ticket and resumes a paused SLA clock.
      const pausing = statuses.findStatus(refs, cur.statusId)?.pausesSla === true;
      if (
        body.statusId === undefined &&
        fromCustomer &&
        (cur.statusIsClosed || pausing || /^waiting on customer$/i.test(cur.statusName))
      ) {
        const reopen = statuses.findReopenStatus(refs);
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
      await repo.updateTicket(tx, cur.id, set, { bumpVersion: reopened }, batch);
      // Internal notes never move the SLA clock: only public replies and customer messages do.
      await syncSla(
        ctx,
        tx,
        { ...cur, statusId: (set.statusId as string | undefined) ?? cur.statusId },
        fromCustomer ? { customerMessage: true } : { publicAgentReply: true },
        batch,
      );
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
    await repo.insertHistory(tx, history, batch);
    await recordEvents(ctx.database, tx, events, batch);
    // Followers hear of the customer's messages; staff who reply or are mentioned follow from now on.
    const fromCustomer = actor.id === cur.customerId;
    const followerIds = !body.isInternal && fromCustomer ? (await listFollowers(tx, cur.id)).map((f) => f.id) : [];
    const { mentioned } = await ticketNotifications.messageAdded(
      tx,
      notifiedTicket(cur),
      actor.id,
      { id: message.id, body: body.body, isInternal: body.isInternal },
      followerIds,
      batch,
    );
    await addFollowers(tx, cur.id, [...mentioned, ...(!body.isInternal && isStaff(actor) ? [actor.id] : [])], batch);
    await batch.run(tx, { prepared: 'reply_writes' });
    // The status change after the message: its own history entry and notification, same transaction.
    const statusId = body.statusId ?? replyStatusId;
    if (statusId !== undefined) await applyChanges(ctx, tx, actor, cur, { statusId }, undefined);
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

/**
 * The department's "a public reply moves an Open ticket to X" (issue 17): the status to apply, when
 * the ticket is in the default status, the setting names a known other status and the actor may set it.
 */
async function departmentReplyStatus(
  ctx: TicketContext,
  tx: DbOrTx,
  actor: Actor,
  cur: repo.TicketCore,
): Promise<string | undefined> {
  // Only a ticket in the default status moves. The department's reply status came with the
  // ticket's own read (one statement less per reply).
  const replyStatusId = cur.departmentReplyStatusId;
  if (!replyStatusId || replyStatusId === cur.statusId) return undefined;
  const refs = await statuses.referenceData(ctx.database, tx);
  if (statuses.findStatus(refs, 'default')?.id !== cur.statusId) return undefined;
  if (!statuses.findStatus(refs, replyStatusId)) return undefined;
  if (!can(actor, 'tickets.update') || !canCloseOrReopen(actor, cur)) return undefined;
  return replyStatusId;
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
