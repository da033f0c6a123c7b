import type { TicketDraftKind } from '@helpdesk/contract';
import { type Actor, can } from '../auth/actor.js';
import { canAddInternalNote } from '../tickets/tickets.policy.js';

/** A draft of a message on a ticket the actor sees: the same rules as sending it (issue 17). */
export function canDraftOnTicket(actor: Actor, kind: TicketDraftKind): boolean {
  return kind === 'note' ? canAddInternalNote(actor) : can(actor, 'tickets.reply');
}

/** A new ticket's draft: whoever may file tickets. */
export const canDraftNewTicket = (actor: Actor) => can(actor, 'tickets.create');
