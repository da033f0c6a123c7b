import { can, type Principal } from '../auth/actor.js';

/** Who may read and change the helpdesk's settings (the public part is for everyone). */
export function canManageSettings(actor: Principal): boolean {
  return can(actor, 'settings.manage');
}
