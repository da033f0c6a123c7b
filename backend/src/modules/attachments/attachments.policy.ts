import { type Actor, can, isCustomer } from '../auth/actor.js';

/** Who may see a ticket (and so its public files): its customer, agents of its department, view_all. */
export function canSeeTicket(actor: Actor, ticket: { customerId: string; departmentId: string }): boolean {
  if (isCustomer(actor)) return ticket.customerId === actor.id;
  if (can(actor, 'tickets.view_all')) return true;
  return can(actor, 'tickets.view_department') && actor.departmentIds.includes(ticket.departmentId);
}

/** Files on internal notes are for agents and admins only. */
export function canSeeAttachment(
  actor: Actor,
  file: { customerId: string; departmentId: string; isInternal: boolean },
): boolean {
  if (!canSeeTicket(actor, file)) return false;
  return !file.isInternal || !isCustomer(actor);
}
