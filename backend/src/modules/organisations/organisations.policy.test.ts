import type { Permission } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.js';
import {
  canEditCustomerNote,
  canManageOrganisations,
  canViewCustomers,
  sharesOrganisationTicket,
} from './organisations.policy.js';

const actor = (roleName: string, permissions: Permission[]): Actor => ({
  id: '33333333-3333-4333-8333-333333333333',
  email: 'a@example.test',
  name: 'A',
  roleId: '44444444-4444-4444-8444-444444444444',
  roleName,
  permissions: new Set(permissions),
  departmentIds: [],
  via: 'session',
  twoFactorEnrolmentRequired: false,
});

describe('organisations policy', () => {
  it('staff with users.view read customers; customers.manage writes the note', () => {
    const agent = actor('AGENT', ['users.view', 'customers.manage']);
    expect(canViewCustomers(agent)).toBe(true);
    expect(canEditCustomerNote(agent)).toBe(true);
    const reader = actor('AUDITOR', ['users.view']);
    expect(canViewCustomers(reader)).toBe(true);
    expect(canEditCustomerNote(reader)).toBe(false);
  });

  it('customers never read customers or notes, whatever their role lists', () => {
    const customer = actor('CUSTOMER', ['users.view', 'customers.manage', 'organisations.manage']);
    expect(canViewCustomers(customer)).toBe(false);
    expect(canEditCustomerNote(customer)).toBe(false);
    expect(canManageOrganisations(customer)).toBe(false);
  });

  it('organisations.manage manages organisations; SUPER_ADMIN always may', () => {
    expect(canManageOrganisations(actor('ADMIN', ['organisations.manage']))).toBe(true);
    expect(canManageOrganisations(actor('AGENT', ['users.view']))).toBe(false);
    expect(canManageOrganisations(actor('SUPER_ADMIN', []))).toBe(true);
  });

  it("shares a ticket only with a member of the ticket customer's sharing organisation", () => {
    const org = '55555555-5555-4555-8555-555555555555';
    expect(sharesOrganisationTicket({ sharedOrganisationId: org }, { customerOrganisationId: org })).toBe(true);
    expect(sharesOrganisationTicket({ sharedOrganisationId: org }, { customerOrganisationId: null })).toBe(false);
    expect(sharesOrganisationTicket({ sharedOrganisationId: null }, { customerOrganisationId: null })).toBe(false);
    expect(sharesOrganisationTicket({}, { customerOrganisationId: org })).toBe(false);
  });
});
