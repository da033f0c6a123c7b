import { permissions } from '@helpdesk/contract';
import { can, isSuperAdmin, type Principal } from '../auth/actor.js';

/** What a role really grants: SUPER_ADMIN holds every permission whatever its stored list says. */
export function effectivePermissions(roleName: string, stored: readonly string[]): string[] {
  if (roleName === 'SUPER_ADMIN') return [...permissions];
  const known = new Set<string>(permissions);
  return stored.filter((p) => known.has(p));
}

/**
 * Whether the actor may give a role to someone or manage a user who holds it: SUPER_ADMIN
 * only by a SUPER_ADMIN, and otherwise only roles whose permissions the actor holds all of
 * (nobody hands out more than they have).
 */
export function canHandleRole(actor: Principal, role: { name: string; permissions: readonly string[] }): boolean {
  if (isSuperAdmin(actor)) return true;
  if (role.name === 'SUPER_ADMIN') return false;
  return effectivePermissions(role.name, role.permissions).every((p) => actor.permissions.has(p));
}

/** Who may see a user: those who may view users, and everyone themselves. */
export function canSeeUser(actor: Principal, user: { id: string }): boolean {
  return actor.id === user.id || can(actor, 'users.view');
}
