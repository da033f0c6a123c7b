import type { Permission } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/actor.js';
import { canSeeDepartment, seesMembers } from './departments.policy.js';

const principal = (roleName: string, permissions: Permission[]): Principal => ({
  id: '33333333-3333-4333-8333-333333333333',
  roleName,
  permissions: new Set(permissions),
  departmentIds: [],
});

describe('departments policy', () => {
  it('customers see active departments only; staff see every one', () => {
    const customer = principal('CUSTOMER', ['tickets.view_own']);
    const agent = principal('AGENT', ['tickets.view_department']);
    expect(canSeeDepartment(customer, { isActive: true })).toBe(true);
    expect(canSeeDepartment(customer, { isActive: false })).toBe(false);
    expect(canSeeDepartment(agent, { isActive: false })).toBe(true);
  });

  it('members are shown to department managers and user viewers only', () => {
    expect(seesMembers(principal('ADMIN', ['departments.manage']))).toBe(true);
    expect(seesMembers(principal('SUPERVISOR', ['users.view']))).toBe(true);
    expect(seesMembers(principal('AGENT', ['tickets.view_department']))).toBe(false);
    expect(seesMembers(principal('SUPER_ADMIN', []))).toBe(true);
  });
});
