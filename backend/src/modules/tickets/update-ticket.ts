import type { BulkResult, TicketDetail, UpdateTicketBody } from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { WriteBatch } from '../../db/write-batch.js';
import { AppError, forbidden, ruleViolation } from '../../lib/app-error.js';
import { type Actor, can, isCustomer } from '../auth/actor.js';
import { applyTicketValues } from '../custom-fields/custom-fields.service.js';
import * as departments from '../departments/departments.service.js';
import { type NewEvent, recordEvents } from '../events/events.service.js';
import { ticketNotifications } from '../notifications/notifications.service.js';
import { requestRating } from '../satisfaction/satisfaction-requests.service.js';
import * as statuses from '../statuses/statuses.service.js';
import { syncSla } from './sla-sync.js';
import { answerAfterWrite, conflict, findVisible, notifiedTicket, type TicketContext } from './ticket-context.js';
import { canCloseOrReopen } from './tickets.policy.js';
import * as repo from './tickets.repository.js';

export type FieldChanges = Omit<UpdateTicketBody, 'version'>;

/**
 * Who may make these changes, and whether the version is current and a new status known: checked
 * before a write (the reply that also sets the status checks before it writes its message).
 */
export async function checkChanges(
  ctx: TicketContext,
  tx: DbOrTx,
  actor: Actor,
  cur: repo.TicketCore,
  changes: FieldChanges,
  expectedVersion: number | undefined,
): Promise<void> {
  const staffFields =
    changes.subject !== undefined || changes.priorityId !== undefined || changes.departmentId !== undefined;
  if (staffFields && !can(actor, 'tickets.update')) throw forbidden();
  if (changes.assignedToId !== undefined && (!can(actor, 'tickets.assign') || isCustomer(actor))) throw forbidden();
  if (changes.statusId !== undefined && !canCloseOrReopen(actor, cur)) throw forbidden();
  if (expectedVersion !== undefined && expectedVersion !== cur.version) {
    throw await conflict(tx, actor, cur.id, 'VERSION_CONFLICT', 'The ticket was changed by someone else; reload it');
  }
  if (changes.statusId !== undefined && changes.statusId !== cur.statusId) {
    const status = statuses.findStatus(await statuses.referenceData(ctx.database, tx), changes.statusId);
    if (!status) throw ruleViolation('Unknown status', [{ path: 'body.statusId', message: 'Unknown status' }]);
    if (!can(actor, 'tickets.update') && status.isClosed === cur.statusIsClosed) {
      throw forbidden('You may only close or reopen your ticket');
    }
  }
}

/**
 * The shared write path of PATCH and bulk, for a ticket the caller locked: checks every rule for
 * the actor, applies the changes, bumps the version and writes ticket_history, inside the caller's
 * transaction. Returns the new version.
 */
export async function applyChanges(
  ctx: TicketContext,
  tx: DbOrTx,
  actor: Actor,
  cur: repo.TicketCore,
  changes: FieldChanges,
  expectedVersion: number | undefined,
): Promise<number> {
  await checkChanges(ctx, tx, actor, cur, changes, expectedVersion);

  const set: repo.TicketChanges = {};
  const history: repo.HistoryInput[] = [];
  const event = (action: string, field: string, oldValue: string | null, newValue: string | null) =>
    history.push({ ticketId: cur.id, actorId: actor.id, action, field, oldValue, newValue });

  if (changes.subject !== undefined && changes.subject !== cur.subject) {
    set.subject = changes.subject;
    event('updated', 'subject', cur.subject, changes.subject);
  }
  let closing = false;
  if (changes.statusId !== undefined && changes.statusId !== cur.statusId) {
    const status = statuses.findStatus(await statuses.referenceData(ctx.database, tx), changes.statusId);
    if (!status) throw ruleViolation('Unknown status', [{ path: 'body.statusId', message: 'Unknown status' }]);
    // Customers without tickets.update may only close or reopen their own ticket.
    if (!can(actor, 'tickets.update') && status.isClosed === cur.statusIsClosed) {
      throw forbidden('You may only close or reopen your ticket');
    }
    set.statusId = status.id;
    closing = status.isClosed && !cur.statusIsClosed;
    if (status.isClosed && !cur.statusIsClosed) set.closedAt = sql`now()`;
    if (!status.isClosed && cur.statusIsClosed) set.closedAt = null;
    event('status_changed', 'status', cur.statusName, status.name);
  }
  if (changes.priorityId !== undefined && changes.priorityId !== cur.priorityId) {
    const priority = statuses.findPriority(await statuses.referenceData(ctx.database, tx), changes.priorityId);
    if (!priority) throw ruleViolation('Unknown priority', [{ path: 'body.priorityId', message: 'Unknown priority' }]);
    set.priorityId = priority.id;
    event('updated', 'priority', cur.priorityName, priority.name);
  }
  let departmentId = cur.departmentId;
  if (changes.departmentId !== undefined && changes.departmentId !== cur.departmentId) {
    const dept = await departments.findDepartment(tx, changes.departmentId);
    if (!dept?.isActive) {
      throw ruleViolation('Unknown or inactive department', [
        { path: 'body.departmentId', message: 'Not an active department' },
      ]);
    }
    set.departmentId = dept.id;
    departmentId = dept.id;
    event('updated', 'department', cur.departmentName, dept.name);
  }
  // Custom field values, then "required to close" with them (docs/custom-fields.md).
  history.push(
    ...(await applyTicketValues(ctx.database, tx, actor, { id: cur.id, departmentId }, changes.customFields, {
      closing,
    })),
  );
  // The assignee must be an active agent of the (possibly new) department.
  let assigneeId = changes.assignedToId !== undefined ? changes.assignedToId : cur.assignedToId;
  let assigneeName = changes.assignedToId !== undefined ? null : cur.assigneeName;
  if (assigneeId) {
    const agent = await departments.findEligibleAgent(tx, assigneeId, departmentId);
    if (!agent) {
      if (changes.assignedToId !== undefined) {
        throw ruleViolation('The assignee must be an active agent of the ticket’s department', [
          { path: 'body.assignedToId', message: 'Not an active agent of the department' },
        ]);
      }
      // Moved to a department the current assignee is not in: the ticket becomes unassigned.
      assigneeId = null;
    } else {
      assigneeName = agent.name;
    }
  }
  if (assigneeId !== cur.assignedToId) {
    set.assignedToId = assigneeId;
    event('assigned', 'assignee', cur.assigneeName, assigneeId ? assigneeName : null);
  }

  if (history.length === 0) return cur.version;
  // The ticket's row and what follows from the change need nothing from each other: one statement
  // (decision 025).
  const batch = new WriteBatch();
  await repo.updateTicket(tx, cur.id, set, {}, batch);
  await repo.insertHistory(tx, history, batch);
  await recordEvents(ctx.database, tx, changeEvents(cur, actor, history, set, assigneeId), batch);
  if (set.statusId || set.priorityId || set.departmentId) {
    // A new priority or department picks the policy's current targets; a status may pause or resume.
    await syncSla(
      ctx,
      tx,
      {
        id: cur.id,
        statusId: (set.statusId as string | undefined) ?? cur.statusId,
        priorityId: (set.priorityId as string | undefined) ?? cur.priorityId,
        departmentId,
        createdAt: cur.createdAt,
      },
      { repick: !!(set.priorityId || set.departmentId) },
      batch,
    );
  }
  const after = notifiedTicket(cur, { departmentId, assignedToId: assigneeId });
  if (assigneeId && assigneeId !== cur.assignedToId) {
    await ticketNotifications.ticketAssigned(tx, after, actor.id, batch);
  }
  const statusEvent = history.find((h) => h.action === 'status_changed');
  if (statusEvent?.newValue) {
    await ticketNotifications.statusChanged(tx, after, actor.id, statusEvent.newValue, batch);
  }
  await batch.run(tx, { prepared: 'change_writes' });
  // closedAt is set only when the ticket moves into a closed status: a resolution to rate (issue 20).
  if (set.closedAt) await requestRating(tx, after, ctx.deps.now?.());
  return cur.version + 1;
}

/** The events of one applied change: what the consumers (mail …) react to. */
function changeEvents(
  cur: repo.TicketCore,
  actor: Actor,
  history: readonly repo.HistoryInput[],
  set: repo.TicketChanges,
  assigneeId: string | null,
): NewEvent[] {
  const base = { ticketId: cur.id, actorId: actor.id };
  const events: NewEvent[] = [];
  const fields = [
    ...new Set(
      history
        .filter((h) => h.action !== 'status_changed' && h.action !== 'assigned')
        .map((h) => h.field)
        .filter(Boolean),
    ),
  ];
  if (fields.length > 0) events.push({ ...base, type: 'ticket.updated', payload: { fields } });
  if (set.statusId) {
    events.push({
      ...base,
      type: 'ticket.status_changed',
      payload: { statusId: set.statusId, closed: Boolean(set.closedAt), reopened: set.closedAt === null },
    });
  }
  if (assigneeId !== cur.assignedToId) {
    events.push({ ...base, type: 'ticket.assigned', payload: { assigneeId, previousAssigneeId: cur.assignedToId } });
  }
  return events;
}

/** `PATCH /api/tickets/:id`. */
export async function updateTicket(
  ctx: TicketContext,
  actor: Actor,
  ref: repo.TicketRef,
  body: UpdateTicketBody,
): Promise<TicketDetail> {
  const { version, ...changes } = body;
  const id = await ctx.db.transaction(async (tx) => {
    const cur = await findVisible(tx, actor, ref, { forUpdate: true });
    await applyChanges(ctx, tx, actor, cur, changes, version);
    return cur.id;
  });
  return answerAfterWrite(ctx, ctx.db, actor, id);
}

/** `POST /api/tickets/bulk`: each ticket is checked and written as if updated alone. */
export async function bulkUpdateTickets(
  ctx: TicketContext,
  actor: Actor,
  ticketIds: readonly string[],
  changes: FieldChanges,
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const ticketId of ticketIds) {
    try {
      const version = await ctx.db.transaction(async (tx) => {
        const cur = await findVisible(tx, actor, { id: ticketId }, { forUpdate: true });
        return applyChanges(ctx, tx, actor, cur, changes, undefined);
      });
      results.push({ ticketId, ok: true, version });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ ticketId, ok: false, error: { code: err.code, message: err.message } });
    }
  }
  return results;
}
