import { can, isStaff, type Principal } from '../auth/actor.js';

/**
 * Service levels (docs/sla.md): staff see a ticket's SLA; customers never do (not in
 * the queue, the ticket, the history or a filter). Calendars and policies are settings: admins.
 */
export const canSeeSla = (actor: Principal) => isStaff(actor);

/** Create, change and delete calendars and policies (`settings.manage`). */
export const canManageSla = (actor: Principal) => can(actor, 'settings.manage');
