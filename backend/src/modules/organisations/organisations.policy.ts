import { type SQL, sql } from 'drizzle-orm';
import { type Actor, can, isCustomer, type Principal } from '../auth/actor.js';

/** Staff who read customers, their notes and organisations (agents and admins). */
export const canViewCustomers = (actor: Actor) => !isCustomer(actor) && can(actor, 'users.view');

/** Staff who write the private note about a customer. */
export const canEditCustomerNote = (actor: Actor) => canViewCustomers(actor) && can(actor, 'customers.manage');

/** Admins who create, change and delete organisations and set their members. */
export const canManageOrganisations = (actor: Actor) => !isCustomer(actor) && can(actor, 'organisations.manage');

/**
 * A customer sees another member's ticket when their organisation shares tickets
 * (`sharedOrganisationId` is set only then) and the ticket's customer is in that organisation.
 */
export function sharesOrganisationTicket(
  actor: Pick<Principal, 'sharedOrganisationId'>,
  ticket: { customerOrganisationId?: string | null },
): boolean {
  return !!actor.sharedOrganisationId && ticket.customerOrganisationId === actor.sharedOrganisationId;
}

/** Tickets (alias `t`) whose customer is a member of the organisation: the SQL twin of the above. */
export function organisationTicketsSql(organisationId: string): SQL {
  return sql`t.customer_id IN (SELECT om.user_id FROM organisation_members om WHERE om.organisation_id = ${organisationId}::uuid)`;
}
