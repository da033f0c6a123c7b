import { systemRolePermissions } from '@helpdesk/contract';
import type { Actor } from '../auth/actor.js';
import { effectivePermissions } from '../users/users.policy.js';

const customerPermissions = new Set<string>(systemRolePermissions.CUSTOMER);

/**
 * Staff, for the `requireTwoFactorForStaff` setting: a role holding any permission beyond what
 * the built-in CUSTOMER role starts with (seeing others' tickets, notes, admin rights …).
 * Decided by permissions, so a custom role counts by what it may do, whatever its name.
 */
export function isStaffRole(roleName: string, permissions: readonly string[]): boolean {
  return effectivePermissions(roleName, permissions).some((p) => !customerPermissions.has(p));
}

/** Whether the user must enrol before anything else: required for their role and not on yet. */
export function mustEnrolTwoFactor(user: {
  roleName: string;
  permissions: readonly string[];
  twoFactorEnabled: boolean;
  staffTwoFactorRequired: boolean;
}): boolean {
  return user.staffTwoFactorRequired && !user.twoFactorEnabled && isStaffRole(user.roleName, user.permissions);
}

/** What a user who must enrol may still call (besides the public routes): enrol, or leave. */
const enrolmentRoutes = new Set([
  'GET /api/auth/me',
  'GET /api/auth/two-factor',
  'POST /api/auth/two-factor/setup',
  'POST /api/auth/two-factor/confirm',
]);

/**
 * Whether the request must wait for enrolment. Only browser sessions are held back: API tokens
 * were made by the user before and keep working (docs/roles-and-permissions.md).
 */
export function waitsForEnrolment(actor: Actor, method: string, routeUrl: string | undefined): boolean {
  return actor.via === 'session' && actor.twoFactorEnrolmentRequired && !enrolmentRoutes.has(`${method} ${routeUrl}`);
}
