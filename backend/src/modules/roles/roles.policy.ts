import type { Permission } from '@helpdesk/contract';
import { can, type Principal } from '../auth/actor.js';

/** Who may list the roles: role managers, and user managers (to pick a role for a user). */
export function canListRoles(actor: Principal): boolean {
  return can(actor, 'roles.manage') || can(actor, 'users.manage');
}

/** Who may create, edit and delete roles. */
export function canManageRoles(actor: Principal): boolean {
  return can(actor, 'roles.manage');
}

interface RoleFacts {
  name: string;
  isSystem: boolean;
}

/**
 * Why an edit of the role is refused, or null when it is allowed: SUPER_ADMIN always holds every
 * permission and is not edited at all; built-in roles keep their names.
 */
export function roleEditRefusal(role: RoleFacts, edit: { name?: string }): string | null {
  if (role.name === 'SUPER_ADMIN') return 'SUPER_ADMIN always has every permission';
  if (role.isSystem && edit.name !== undefined && edit.name !== role.name) return 'Built-in roles cannot be renamed';
  return null;
}

/** Why deleting the role is refused, or null: built-in roles and roles that users hold stay. */
export function roleDeleteRefusal(role: RoleFacts & { userCount: number }): string | null {
  if (role.isSystem) return 'Built-in roles cannot be deleted';
  if (role.userCount > 0) return 'Users hold this role; give them another role first';
  return null;
}

/**
 * The permissions of a role being created or edited that the actor does not hold: a role manager
 * grants only what they may do themselves, so `roles.manage` is no way to more rights (for
 * oneself through one's own role, or for anyone). SUPER_ADMIN holds every permission.
 */
export function permissionsBeyondActor(actor: Principal, granted: readonly Permission[]): Permission[] {
  return granted.filter((p) => !can(actor, p));
}
