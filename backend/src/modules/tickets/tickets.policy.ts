import type { TicketAction } from '@helpdesk/contract';
import { type SQL, sql } from 'drizzle-orm';
import { type Actor, can, isCustomer, type Principal } from '../auth/actor.js';
import { organisationTicketsSql, sharesOrganisationTicket } from '../organisations/organisations.policy.js';

/** What the policies need to know about a ticket. */
export interface TicketAccess {
  departmentId: string;
  customerId: string;
  /** The organisation of the ticket's customer, where the caller knows it (organisation sharing). */
  customerOrganisationId?: string | null;
  assignedToId?: string | null;
  statusIsClosed?: boolean;
}

/**
 * Customers see their own tickets (and their organisation's, when it shares them); agents their
 * departments'; `tickets.view_all` everything.
 */
export function canViewTicket(actor: Principal, ticket: TicketAccess): boolean {
  if (can(actor, 'tickets.view_all')) return true;
  if (can(actor, 'tickets.view_department') && actor.departmentIds.includes(ticket.departmentId)) return true;
  return can(actor, 'tickets.view_own') && (ticket.customerId === actor.id || sharesOrganisationTicket(actor, ticket));
}

/**
 * The SQL twin of canViewTicket, over the alias `t`: the queue and the detail view filter by it.
 * Keep the two in step.
 */
export function ticketScopeSql(actor: Principal): SQL {
  if (can(actor, 'tickets.view_all')) return sql`true`;
  const parts: SQL[] = [];
  if (can(actor, 'tickets.view_department') && actor.departmentIds.length > 0) {
    parts.push(
      sql`t.department_id IN (${sql.join(
        actor.departmentIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  }
  if (can(actor, 'tickets.view_own')) parts.push(sql`t.customer_id = ${actor.id}::uuid`);
  if (can(actor, 'tickets.view_own') && actor.sharedOrganisationId) {
    parts.push(organisationTicketsSql(actor.sharedOrganisationId));
  }
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`;
}

/**
 * The departments ticketScopeSql limits the caller to, when it is exactly
 * `t.department_id IN (…)` (or `false`: none); undefined when it is wider or has another part.
 * The SLA queue walks these departments' ranges of ticket_sla's index (list-tickets.ts).
 */
export function scopeDepartments(actor: Principal): string[] | undefined {
  if (can(actor, 'tickets.view_all') || can(actor, 'tickets.view_own')) return undefined;
  return can(actor, 'tickets.view_department') ? [...actor.departmentIds] : [];
}

/** Internal notes (and events about them) are for agents and admins only, never for customers. */
export function seesInternalNotes(actor: Principal): boolean {
  if (isCustomer(actor)) return false;
  return can(actor, 'tickets.internal_note') || can(actor, 'tickets.view_department') || can(actor, 'tickets.view_all');
}

export function canAddInternalNote(actor: Actor): boolean {
  return !isCustomer(actor) && can(actor, 'tickets.internal_note');
}

/** The customer of the ticket may close and reopen it even without `tickets.update`. */
export function canCloseOrReopen(actor: Actor, ticket: TicketAccess): boolean {
  return can(actor, 'tickets.update') || ticket.customerId === actor.id;
}

/** The actions the detail view offers; every one is checked again when it is used. */
export function allowedActions(actor: Actor, ticket: TicketAccess): TicketAction[] {
  const actions: TicketAction[] = [];
  if (can(actor, 'tickets.reply')) actions.push('reply');
  if (canAddInternalNote(actor)) actions.push('internal_note');
  if (can(actor, 'tickets.update')) actions.push('update', 'change_status');
  if (canCloseOrReopen(actor, ticket)) actions.push(ticket.statusIsClosed ? 'reopen' : 'close');
  if (can(actor, 'tickets.assign') && !isCustomer(actor)) {
    actions.push('assign');
    if (ticket.assignedToId !== actor.id && actor.departmentIds.includes(ticket.departmentId)) {
      actions.push('assign_to_me');
    }
  }
  if (can(actor, 'tickets.delete')) actions.push('delete');
  return actions;
}

/**
 * A condition over `t`: its id is one of those `ids` (a query of ticket ids) returns, read once per
 * statement. For a rare filter value (a tag, a custom field option; it sits here beside the scope
 * it is combined with): the matching tickets are read first, then joined to the scope. As an array
 * unnested, PostgreSQL estimates a handful of ids whatever they are, so the named statement's
 * generic plan reads them first: a hash join with the scope's own index (an open queue) or a
 * tickets_pkey probe per id (a wide scope), then a sort. As a plain `IN (subquery)` or
 * `= ANY(array)` the generic plan walked the sort index and compared each row with every id
 * (2,007 ids: 95 ms at 1,000,000 tickets; decision 016-perf16).
 */
export const amongTickets = (ids: SQL) => sql`t.id IN (SELECT m.id FROM unnest(ARRAY(${ids})) AS m(id))`;

/**
 * Merging (issue 17): staff who change tickets merge those of one customer; another customer's
 * ticket also needs tickets.merge_any (its conversation then reaches that customer).
 */
export function canMerge(actor: Actor, source: { customerId: string }, target: { customerId: string }): boolean {
  if (isCustomer(actor) || !can(actor, 'tickets.update')) return false;
  return source.customerId === target.customerId || can(actor, 'tickets.merge_any');
}
