import type { TicketDetail } from '@helpdesk/contract';
import { WriteBatch } from '../../db/write-batch.js';
import { forbidden, ruleViolation } from '../../lib/app-error.js';
import { type Actor, can, isCustomer } from '../auth/actor.js';
import * as departments from '../departments/departments.service.js';
import { recordEvent } from '../events/events.service.js';
import { conflict, detail, findVisible, type TicketContext } from './ticket-context.js';
import * as repo from './tickets.repository.js';

/** `POST /api/tickets/:id/assign-to-me`: the first agent wins, the others get a 409. */
export async function assignToMe(ctx: TicketContext, actor: Actor, ref: repo.TicketRef): Promise<TicketDetail> {
  const id = await ctx.db.transaction(async (tx) => {
    const cur = await findVisible(tx, actor, ref, { forUpdate: true });
    if (!can(actor, 'tickets.assign') || isCustomer(actor)) throw forbidden();
    if (cur.assignedToId === actor.id) return cur.id;
    if (cur.assignedToId) {
      throw await conflict(tx, actor, cur.id, 'CONFLICT', `The ticket is already assigned to ${cur.assigneeName}`);
    }
    const me = await departments.findEligibleAgent(tx, actor.id, cur.departmentId);
    if (!me) throw ruleViolation('Only active agents of the ticket’s department can take it');
    // One statement for the three rows (decision 025).
    const batch = new WriteBatch();
    await repo.updateTicket(tx, cur.id, { assignedToId: actor.id }, {}, batch);
    const assigned = { action: 'assigned', field: 'assignee', oldValue: null, newValue: me.name };
    await repo.insertHistory(tx, [{ ticketId: cur.id, actorId: actor.id, ...assigned }], batch);
    await recordEvent(
      ctx.database,
      tx,
      {
        type: 'ticket.assigned',
        ticketId: cur.id,
        actorId: actor.id,
        payload: { assigneeId: actor.id, previousAssigneeId: null },
      },
      batch,
    );
    await batch.run(tx, { prepared: 'assign_writes' });
    return cur.id;
  });
  return detail(ctx, actor, { id });
}
