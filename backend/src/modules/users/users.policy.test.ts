import { permissions } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { principal } from '../../../test/principal.js';
import { canHandleRole, canSeeUser, effectivePermissions } from './users.policy.js';

describe('users policy', () => {
  it('SUPER_ADMIN holds every permission; other roles only the known ones they store', () => {
    expect(effectivePermissions('SUPER_ADMIN', [])).toEqual([...permissions]);
    expect(effectivePermissions('AGENT', ['tickets.view_department', 'no.such'])).toEqual(['tickets.view_department']);
  });

  it('nobody hands out a role with more than they hold; SUPER_ADMIN only by a SUPER_ADMIN', () => {
    const admin = principal('ADMIN', ['users.manage', 'tickets.view_all', 'tickets.view_department']);
    expect(canHandleRole(admin, { name: 'AGENT', permissions: ['tickets.view_department'] })).toBe(true);
    expect(canHandleRole(admin, { name: 'Billing', permissions: ['settings.manage'] })).toBe(false);
    expect(canHandleRole(admin, { name: 'SUPER_ADMIN', permissions: [] })).toBe(false);
    expect(canHandleRole(principal('SUPER_ADMIN', []), { name: 'SUPER_ADMIN', permissions: [] })).toBe(true);
  });

  it('a user is seen by themselves and by those who may view users', () => {
    const self = principal('CUSTOMER', ['tickets.view_own']);
    expect(canSeeUser(self, { id: self.id })).toBe(true);
    expect(canSeeUser(self, { id: '55555555-5555-4555-8555-555555555555' })).toBe(false);
    expect(canSeeUser(principal('SUPERVISOR', ['users.view']), { id: '55555555-5555-4555-8555-555555555555' })).toBe(
      true,
    );
  });
});
