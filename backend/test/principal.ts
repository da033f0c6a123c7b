import type { Permission } from '@helpdesk/contract';
import type { Actor, Principal } from '../src/modules/auth/actor.js';

/** A user judged by role name, permissions and memberships: for the policies' unit tests (no database). */
export const principal = (roleName: string, permissions: Permission[], departmentIds: string[] = []): Principal => ({
  id: '33333333-3333-4333-8333-333333333333',
  roleName,
  permissions: new Set(permissions),
  departmentIds,
});

/** A whole signed-in Actor for policies that take one (session sign-in, no two-factor pending). */
export const testActor = (roleName: string, permissions: Permission[], departmentIds: string[] = []): Actor => ({
  ...principal(roleName, permissions, departmentIds),
  email: 'a@example.test',
  name: 'A',
  roleId: '00000000-0000-4000-8000-000000000002',
  via: 'session',
  twoFactorEnrolmentRequired: false,
});
