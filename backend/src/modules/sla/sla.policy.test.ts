import { systemRolePermissions } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/actor.js';
import { canManageSla, canSeeSla } from './sla.policy.js';

const as = (roleName: keyof typeof systemRolePermissions): Principal => ({
  id: '00000000-0000-0000-0000-000000000001',
  roleName,
  permissions: new Set(systemRolePermissions[roleName]),
  departmentIds: [],
  sharedOrganisationId: null,
});

describe('sla policy', () => {
  it('staff see service levels; customers never do', () => {
    expect(canSeeSla(as('AGENT'))).toBe(true);
    expect(canSeeSla(as('ADMIN'))).toBe(true);
    expect(canSeeSla(as('CUSTOMER'))).toBe(false);
  });

  it('only admins (settings.manage) manage calendars and policies', () => {
    expect(canManageSla(as('ADMIN'))).toBe(true);
    expect(canManageSla(as('SUPER_ADMIN'))).toBe(true);
    expect(canManageSla(as('AGENT'))).toBe(false);
    expect(canManageSla(as('CUSTOMER'))).toBe(false);
  });
});
