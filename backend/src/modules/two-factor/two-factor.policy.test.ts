import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.js';
import { isStaffRole, mustEnrolTwoFactor, waitsForEnrolment } from './two-factor.policy.js';

const actor = (over: Partial<Actor>): Actor => ({
  id: '33333333-3333-4333-8333-333333333333',
  email: 'a@example.test',
  name: 'A',
  roleId: '55555555-5555-4555-8555-555555555555',
  roleName: 'AGENT',
  permissions: new Set(['tickets.view_department']),
  departmentIds: [],
  via: 'session',
  twoFactorEnrolmentRequired: true,
  ...over,
});

describe('two-factor policy', () => {
  it('staff by permissions beyond the customer’s, whatever the role is called', () => {
    expect(isStaffRole('CUSTOMER', ['tickets.view_own', 'tickets.create', 'tickets.reply'])).toBe(false);
    expect(isStaffRole('AGENT', ['tickets.view_department'])).toBe(true);
    expect(isStaffRole('HELPER', ['tickets.view_own', 'tickets.internal_note'])).toBe(true);
    expect(isStaffRole('SUPER_ADMIN', [])).toBe(true);
  });

  it('must enrol only when the setting is on, the role is staff and two-factor is off', () => {
    const staff = { roleName: 'AGENT', permissions: ['tickets.view_department'] };
    expect(mustEnrolTwoFactor({ ...staff, twoFactorEnabled: false, staffTwoFactorRequired: true })).toBe(true);
    expect(mustEnrolTwoFactor({ ...staff, twoFactorEnabled: true, staffTwoFactorRequired: true })).toBe(false);
    expect(mustEnrolTwoFactor({ ...staff, twoFactorEnabled: false, staffTwoFactorRequired: false })).toBe(false);
    expect(
      mustEnrolTwoFactor({
        roleName: 'CUSTOMER',
        permissions: ['tickets.view_own'],
        twoFactorEnabled: false,
        staffTwoFactorRequired: true,
      }),
    ).toBe(false);
  });

  it('a session that must enrol reaches only the enrolment routes; API tokens are not held back', () => {
    expect(waitsForEnrolment(actor({}), 'GET', '/api/tickets')).toBe(true);
    expect(waitsForEnrolment(actor({}), 'POST', '/api/auth/two-factor/setup')).toBe(false);
    expect(waitsForEnrolment(actor({ via: 'token' }), 'GET', '/api/tickets')).toBe(false);
    expect(waitsForEnrolment(actor({ twoFactorEnrolmentRequired: false }), 'GET', '/api/tickets')).toBe(false);
  });
});
