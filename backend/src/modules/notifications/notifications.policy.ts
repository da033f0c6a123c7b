import { eq, type SQL } from 'drizzle-orm';
import { notifications } from '../../db/schema/index.js';
import { isStaff, type Principal } from '../auth/actor.js';
import { canViewTicket, seesInternalNotes, type TicketAccess } from '../tickets/tickets.policy.js';

/**
 * Whether a user may receive a notification that carries a ticket's text: they can open the
 * ticket and, for text of an internal note, read internal notes there (the detail view's policy).
 */
export function mayReceive(user: Principal, ticket: TicketAccess, internal: boolean): boolean {
  return canViewTicket(user, ticket) && (!internal || seesInternalNotes(user));
}

/** Who may turn on, and receive, the notice of a new unassigned ticket: staff who may open it. */
export function mayHearOfNewTicket(user: Principal, ticket: TicketAccess): boolean {
  return isStaff(user) && mayReceive(user, ticket, false);
}

/** Everyone reads and marks only their own notifications: every query of the list filters by this. */
export function ownNotifications(actor: Pick<Principal, 'id'>): SQL {
  return eq(notifications.userId, actor.id);
}
