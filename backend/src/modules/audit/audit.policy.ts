import { can, type Principal } from '../auth/actor.js';

/** Who may read the audit log. */
export function canViewAudit(actor: Principal): boolean {
  return can(actor, 'audit.view');
}
