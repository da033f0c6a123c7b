import type { Permission, User } from '@helpdesk/contract';

export function can(user: User | null | undefined, permission: Permission): boolean {
  if (!user) return false;
  return user.role.name === 'SUPER_ADMIN' || user.permissions.includes(permission);
}

/** Agents and admins work the queue; customers follow their own tickets. */
export function isStaff(user: User | null | undefined): boolean {
  return can(user, 'tickets.view_department') || can(user, 'tickets.view_all');
}
