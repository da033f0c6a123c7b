import type { MergeTicketBody, SplitMessageBody, TicketDetail } from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { forbidden, ruleViolation } from '../../lib/app-error.js';
import { type Actor, can } from '../auth/actor.js';
import { recordEvent } from '../events/events.service.js';
import { copyFollowers } from '../followers/follower-list.service.js';
import * as statuses from '../statuses/statuses.service.js';
import { createTicket } from './create-ticket.js';
import { syncSla } from './sla-sync.js';
import { answerAfterWrite, findVisible, type TicketContext, ticketNotFound } from './ticket-context.js';
import { canMerge } from './tickets.policy.js';
import * as repo from './tickets.repository.js';

/**
 * Follows merge pointers from a locked ticket to the one its conversation continues on, locking
 * each; a reply that waited for a merge's lock lands on the target (issue 17). 404 when the actor
 * may not see where it went.
 */
export async function followMerges(
  tx: DbOrTx,
  actor: Actor,
  cur: repo.TicketCore,
  opts: { withCustomer?: boolean } = {},
): Promise<repo.TicketCore> {
  let at = cur;
  for (let hops = 0; at.mergedIntoId && hops < 10; hops++) {
    const next = await repo.findTicketCore(tx, { id: at.mergedIntoId }, { forUpdate: true });
    if (!next) break;
    at = await findVisible(tx, actor, { id: next.id }, { forUpdate: true, ...opts }).catch(() => {
      throw ruleViolation('This ticket was merged into another one and takes no more messages');
    });
  }
  return at;
}

/**
 * `POST /api/tickets/:id/merge`: the ticket's messages and files move to `into` keeping their
 * times, the ticket is closed with a pointer to the target, both get history, the customer a
 * public note, the target an internal one with the old description. Both rows are locked in id
 * order, so concurrent replies and merges wait instead of being lost or deadlocking.
 */
export async function mergeTicket(
  ctx: TicketContext,
  actor: Actor,
  ref: repo.TicketRef,
  body: MergeTicketBody,
): Promise<TicketDetail> {
  if (!can(actor, 'tickets.update')) throw forbidden();
  const targetRef = repo.parseTicketRef(body.into);
  const targetId = await ctx.db.transaction(async (tx) => {
    // Resolve both ids first (visibility included), then lock in a fixed order and re-read.
    const [a, b] = [await findVisible(tx, actor, ref), await findVisible(tx, actor, targetRef)];
    if (a.id === b.id) {
      throw ruleViolation('A ticket cannot be merged into itself', [{ path: 'body.into', message: 'Same ticket' }]);
    }
    for (const id of [a.id, b.id].sort()) await repo.findTicketCore(tx, { id }, { forUpdate: true });
    const source = await findVisible(tx, actor, { id: a.id });
    const target = await findVisible(tx, actor, { id: b.id });
    if (source.mergedIntoId) throw ruleViolation('This ticket was already merged into another one');
    if (target.mergedIntoId) {
      throw ruleViolation('The target was merged into another ticket; merge into that one', [
        { path: 'body.into', message: 'Already merged' },
      ]);
    }
    if (!canMerge(actor, source, target)) {
      throw forbidden('Merging tickets of different customers needs the tickets.merge_any permission');
    }

    const moved = await repo.moveMessages(tx, source.id, target.id);
    await ctx.files.moveRowsOfTicket(tx, source.id, target.id);
    await copyFollowers(tx, source.id, target.id);
    await repo.insertMessage(tx, {
      ticketId: source.id,
      authorId: actor.id,
      body: `This request was merged into #${target.number}; the conversation continues there.`,
      isInternal: false,
    });
    await repo.insertMessage(tx, {
      ticketId: target.id,
      authorId: actor.id,
      body: `#${source.number} “${source.subject}” was merged into this ticket (${moved} messages moved). Its description:\n\n${
        (await repo.findDescription(tx, source.id)) ?? ''
      }`,
      isInternal: true,
    });

    // The merged ticket is closed (the first closed status) and points at the target.
    const refs = await statuses.referenceData(ctx.database, tx);
    const closed = refs.statuses.find((s) => s.isClosed);
    const history: repo.HistoryInput[] = [
      { ticketId: source.id, actorId: actor.id, action: 'merged', field: 'ticket', newValue: `#${target.number}` },
      {
        ticketId: target.id,
        actorId: actor.id,
        action: 'merged_from',
        field: 'ticket',
        newValue: `#${source.number}`,
      },
    ];
    const set: repo.TicketChanges = {};
    if (closed && !source.statusIsClosed) {
      set.statusId = closed.id;
      set.closedAt = sql`now()`;
      history.push({
        ticketId: source.id,
        actorId: actor.id,
        action: 'status_changed',
        field: 'status',
        oldValue: source.statusName,
        newValue: closed.name,
      });
    }
    await repo.updateTicket(tx, source.id, set);
    await repo.setMergedInto(tx, source.id, target.id);
    await repo.updateTicket(tx, target.id, {});
    await repo.insertHistory(tx, history);
    // The merged ticket's SLA clock stops with it (it is closed now).
    if (set.statusId) await syncSla(ctx, tx, { ...source, statusId: set.statusId as string }, {});
    await recordEvent(ctx.database, tx, {
      type: 'ticket.merged',
      ticketId: source.id,
      actorId: actor.id,
      payload: { intoTicketId: target.id, messagesMoved: moved },
    });
    return target.id;
  });
  return answerAfterWrite(ctx, ctx.db, actor, targetId);
}

/**
 * `POST /api/tickets/:id/messages/:messageId/split`: a public message becomes a new ticket of the
 * same customer, department and priority (its text the description); both get a public note and
 * history naming the other. The message stays where it was written.
 */
export async function splitMessage(
  ctx: TicketContext,
  actor: Actor,
  ref: repo.TicketRef,
  messageId: string,
  body: SplitMessageBody,
): Promise<TicketDetail> {
  if (!can(actor, 'tickets.update') || !can(actor, 'tickets.create')) throw forbidden();
  const source = await findVisible(ctx.db, actor, ref);
  const message = await repo.findMessage(ctx.db, source.id, messageId);
  if (!message) throw ticketNotFound();
  // An internal note's text must not become a description its customer reads.
  if (message.isInternal) throw ruleViolation('Internal notes cannot be split into a ticket');
  // One transaction: the new ticket (createTicket's own transaction becomes a savepoint) and both notes.
  const newId = await ctx.db.transaction(async (tx) => {
    await findVisible(tx, actor, { id: source.id }, { forUpdate: true });
    const created = await createTicket({ ...ctx, db: tx as unknown as TicketContext['db'] }, actor, {
      subject: body.subject ?? source.subject,
      description: message.body,
      departmentId: source.departmentId,
      priorityId: source.priorityId,
      customerId: source.customerId,
    });
    const { id, number } = created.detail.ticket;
    await repo.insertMessage(tx, {
      ticketId: source.id,
      authorId: actor.id,
      body: `A message of this conversation continues as its own ticket, #${number}.`,
      isInternal: false,
    });
    await repo.insertMessage(tx, {
      ticketId: id,
      authorId: actor.id,
      body: `Split from #${source.number}.`,
      isInternal: false,
    });
    await repo.insertHistory(tx, [
      { ticketId: source.id, actorId: actor.id, action: 'split_to', field: 'ticket', newValue: `#${number}` },
      { ticketId: id, actorId: actor.id, action: 'split_from', field: 'ticket', newValue: `#${source.number}` },
    ]);
    await repo.updateTicket(tx, source.id, {}, { bumpVersion: false });
    return id;
  });
  return answerAfterWrite(ctx, ctx.db, actor, newId);
}
