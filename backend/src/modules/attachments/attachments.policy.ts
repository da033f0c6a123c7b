import type { Principal } from '../auth/actor.js';
import { canViewTicket, seesInternalNotes, type TicketAccess } from '../tickets/tickets.policy.js';

/** A file is visible with its ticket; files of internal notes only to those who see internal notes. */
export function canSeeAttachment(actor: Principal, file: TicketAccess & { isInternal: boolean }): boolean {
  return canViewTicket(actor, file) && (!file.isInternal || seesInternalNotes(actor));
}
