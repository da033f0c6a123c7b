import { describe, expect, it } from 'vitest';
import { principal } from '../../../test/principal.js';
import {
  canListRoles,
  canManageRoles,
  permissionsBeyondActor,
  roleDeleteRefusal,
  roleEditRefusal,
} from './roles.policy.js';

describe('roles policy', () => {
  it('role and user managers list roles; only role managers (and SUPER_ADMIN) change them', () => {
    const userManager = principal('SUPERVISOR', ['users.manage']);
    const roleManager = principal('ADMIN', ['roles.manage']);
    const agent = principal('AGENT', ['tickets.view_department']);
    expect([canListRoles(userManager), canListRoles(roleManager), canListRoles(agent)]).toEqual([true, true, false]);
    expect([canManageRoles(userManager), canManageRoles(roleManager), canManageRoles(agent)]).toEqual([
      false,
      true,
      false,
    ]);
    expect(canManageRoles(principal('SUPER_ADMIN', []))).toBe(true);
  });

  it('SUPER_ADMIN is never edited; built-in roles keep their names; custom roles may be renamed', () => {
    expect(roleEditRefusal({ name: 'SUPER_ADMIN', isSystem: true }, {})).toMatch(/every permission/);
    expect(roleEditRefusal({ name: 'AGENT', isSystem: true }, { name: 'HELPER' })).toMatch(/renamed/);
    expect(roleEditRefusal({ name: 'AGENT', isSystem: true }, { name: 'AGENT' })).toBeNull();
    expect(roleEditRefusal({ name: 'AGENT', isSystem: true }, {})).toBeNull();
    expect(roleEditRefusal({ name: 'Billing', isSystem: false }, { name: 'Finance' })).toBeNull();
  });

  it('built-in roles and roles users hold are not deleted', () => {
    expect(roleDeleteRefusal({ name: 'AGENT', isSystem: true, userCount: 0 })).toMatch(/Built-in/);
    expect(roleDeleteRefusal({ name: 'Billing', isSystem: false, userCount: 2 })).toMatch(/Users hold/);
    expect(roleDeleteRefusal({ name: 'Billing', isSystem: false, userCount: 0 })).toBeNull();
  });
  it('a role manager grants only what they hold; SUPER_ADMIN grants anything', () => {
    const keeper = principal('KEEPER', ['roles.manage', 'users.view']);
    expect(permissionsBeyondActor(keeper, ['users.view'])).toEqual([]);
    expect(permissionsBeyondActor(keeper, ['users.view', 'tickets.view_all', 'audit.view'])).toEqual([
      'tickets.view_all',
      'audit.view',
    ]);
    expect(permissionsBeyondActor(principal('SUPER_ADMIN', []), ['tickets.view_all'])).toEqual([]);
  });
});
