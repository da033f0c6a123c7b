import { isStaff, type Principal } from '../auth/actor.js';

/**
 * Presence is between staff (issue 17): a customer never learns who is reading their ticket, so
 * for them the endpoints answer 404 like a ticket they cannot see. Staff also need to see the ticket.
 */
export const canUsePresence = (actor: Principal) => isStaff(actor);
