import type { Permission } from '@helpdesk/contract';
import type { Principal } from '../src/modules/auth/actor.js';

/** A user judged by role name, permissions and memberships: for the policies' unit tests (no database). */
export const principal = (roleName: string, permissions: Permission[], departmentIds: string[] = []): Principal => ({
  id: '33333333-3333-4333-8333-333333333333',
  roleName,
  permissions: new Set(permissions),
  departmentIds,
});
