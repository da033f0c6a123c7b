import type { Permission } from '@helpdesk/contract';
import { forbidden, unauthenticated } from '../../lib/app-error.js';

/** Who is asking: resolved once per request from the session cookie or a bearer token. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  roleId: string;
  roleName: string;
  permissions: ReadonlySet<string>;
  /** Departments the user is a member of (agents and admins). */
  departmentIds: readonly string[];
  /** The customer's organisation when it shares tickets among its members (issue 16), else null. */
  sharedOrganisationId?: string | null;
  /** How the request was authenticated; cookie requests are CSRF-checked. */
  via: 'session' | 'token';
  sessionId?: string;
  /** Staff must use two-factor sign-in and this user has not enrolled yet (modules/two-factor). */
  twoFactorEnrolmentRequired: boolean;
}

/**
 * What the access rules look at: the signed-in Actor, or any user judged by their role's
 * permissions and department memberships (e.g. the recipients of a notification).
 */
export type Principal = Pick<Actor, 'id' | 'roleName' | 'permissions' | 'departmentIds' | 'sharedOrganisationId'>;

export const isCustomer = (actor: Principal) => actor.roleName === 'CUSTOMER';
export const isSuperAdmin = (actor: Principal) => actor.roleName === 'SUPER_ADMIN';

/** SUPER_ADMIN holds every permission, whatever its stored list says. */
export function can(actor: Principal, permission: Permission): boolean {
  return isSuperAdmin(actor) || actor.permissions.has(permission);
}

/** Staff file tickets on behalf of customers and see more than their own tickets. */
export const isStaff = (actor: Principal) =>
  !isCustomer(actor) && (can(actor, 'tickets.view_department') || can(actor, 'tickets.view_all'));

/** Throws 401 for anonymous callers; returns the actor otherwise. */
export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

/** Throws 403 when the policy rule says no to the signed-in caller; returns the actor. */
export function requireAllowed(actor: Actor, rule: (actor: Actor) => boolean): Actor {
  if (!rule(actor)) throw forbidden();
  return actor;
}

/**
 * The caller of a route that is not public. Every module's routes sit in the signed-in scope of
 * app.ts (auth.plugin.ts `signedInScope`), which has answered 401 to anonymous callers before
 * any handler runs, so this only turns the request's `Actor | null` into the type handlers need.
 */
export function requestActor(req: { actor: Actor | null }): Actor {
  return requireActor(req.actor);
}

/** Throws 401 for anonymous callers and 403 without the permission. */
export function requirePermission(actor: Actor | null | undefined, permission: Permission): Actor {
  const a = requireActor(actor);
  if (!can(a, permission)) throw forbidden();
  return a;
}
