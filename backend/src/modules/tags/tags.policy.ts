import { can, isCustomer, type Principal } from '../auth/actor.js';

/**
 * Tags are staff-only (docs/tags.md): customers never see them, filter by them or search them.
 * Staff are users who see more tickets than their own.
 */
export const canSeeTags = (actor: Principal) =>
  !isCustomer(actor) && (can(actor, 'tickets.view_department') || can(actor, 'tickets.view_all'));

/** Add and remove existing tags on tickets the actor may see: a change of the ticket (`tickets.update`). */
export const canTagTickets = (actor: Principal) => canSeeTags(actor) && can(actor, 'tickets.update');

/** A name no tag has yet creates the tag (`tags.create`). */
export const canCreateTags = (actor: Principal) => canTagTickets(actor) && can(actor, 'tags.create');

/** The admin page: rename, recolour, merge and delete (`tags.manage`). */
export const canManageTags = (actor: Principal) => can(actor, 'tags.manage');
