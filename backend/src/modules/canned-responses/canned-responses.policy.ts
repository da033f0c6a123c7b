import type { CannedScope } from '@helpdesk/contract';
import { type Actor, can, isCustomer, type Principal } from '../auth/actor.js';

/** What the rules look at in a canned response. */
export interface CannedAccess {
  scope: CannedScope;
  ownerId: string | null;
  departmentId: string | null;
}

/**
 * Staff (who work a queue) and reply use canned responses and keep personal ones; customers never,
 * nor a custom role that only follows its own tickets.
 */
export const canUseCanned = (actor: Principal) =>
  !isCustomer(actor) &&
  can(actor, 'tickets.reply') &&
  (can(actor, 'tickets.view_department') || can(actor, 'tickets.view_all'));

/** Create, edit and delete shared responses. */
export const canManageShared = (actor: Principal) => !isCustomer(actor) && can(actor, 'canned.manage');

/** Personal ones are their owner's alone; shared ones are seen by users and managers of them. */
export function canSeeCanned(actor: Actor, row: CannedAccess): boolean {
  if (row.scope === 'personal') return row.ownerId === actor.id && canUseCanned(actor);
  return canUseCanned(actor) || canManageShared(actor);
}

export function canEditCanned(actor: Actor, row: CannedAccess): boolean {
  if (row.scope === 'personal') return row.ownerId === actor.id && canUseCanned(actor);
  return canManageShared(actor);
}

/** Offered on a ticket: one's own, shared ones for every department and those of the ticket's. */
export function offeredOnTicket(actor: Actor, row: CannedAccess, ticketDepartmentId: string): boolean {
  if (!canUseCanned(actor)) return false;
  if (row.scope === 'personal') return row.ownerId === actor.id;
  return row.departmentId === null || row.departmentId === ticketDepartmentId;
}
