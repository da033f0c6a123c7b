import type { Permission } from '@helpdesk/contract';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/actor.js';
import { canViewTicket, seesInternalNotes, ticketScopeSql } from './tickets.policy.js';

const dept = '11111111-1111-4111-8111-111111111111';
const otherDept = '22222222-2222-4222-8222-222222222222';
const me = '33333333-3333-4333-8333-333333333333';
const someoneElse = '44444444-4444-4444-8444-444444444444';

const principal = (roleName: string, permissions: Permission[], departmentIds: string[] = []): Principal => ({
  id: me,
  roleName,
  permissions: new Set(permissions),
  departmentIds,
});
const render = (p: Principal) => new PgDialect().sqlToQuery(ticketScopeSql(p));

describe('tickets policy: who sees a ticket, in code and in SQL', () => {
  it('tickets.view_all sees every ticket', () => {
    const admin = principal('ADMIN', ['tickets.view_all']);
    expect(canViewTicket(admin, { departmentId: otherDept, customerId: someoneElse })).toBe(true);
    expect(render(admin).sql).toBe('true');
  });

  it("an agent sees their departments' tickets only", () => {
    const agent = principal('AGENT', ['tickets.view_department'], [dept]);
    expect(canViewTicket(agent, { departmentId: dept, customerId: someoneElse })).toBe(true);
    expect(canViewTicket(agent, { departmentId: otherDept, customerId: someoneElse })).toBe(false);
    const { sql, params } = render(agent);
    expect(sql).toContain('t.department_id IN');
    expect(params).toEqual([dept]);
  });

  it('a customer sees their own tickets only, and never internal notes', () => {
    const customer = principal('CUSTOMER', ['tickets.view_own']);
    expect(canViewTicket(customer, { departmentId: dept, customerId: me })).toBe(true);
    expect(canViewTicket(customer, { departmentId: dept, customerId: someoneElse })).toBe(false);
    expect(render(customer)).toMatchObject({ params: [me] });
    expect(render(customer).sql).toContain('t.customer_id =');
    expect(seesInternalNotes(customer)).toBe(false);
  });

  it("a customer whose organisation shares tickets sees the organisation's tickets, in code and in SQL", () => {
    const org = '55555555-5555-4555-8555-555555555555';
    const otherOrg = '66666666-6666-4666-8666-666666666666';
    const sharing: Principal = { ...principal('CUSTOMER', ['tickets.view_own']), sharedOrganisationId: org };
    const ticketOf = (customerOrganisationId: string | null) => ({
      departmentId: dept,
      customerId: someoneElse,
      customerOrganisationId,
    });
    expect(canViewTicket(sharing, ticketOf(org))).toBe(true);
    expect(canViewTicket(sharing, ticketOf(otherOrg))).toBe(false);
    expect(canViewTicket(sharing, ticketOf(null))).toBe(false);
    expect(render(sharing).sql).toContain('organisation_members');
    expect(render(sharing).params).toEqual([me, org]);
    // Without sharing (or without view_own) membership alone shows nothing more.
    const notSharing = principal('CUSTOMER', ['tickets.view_own']);
    expect(canViewTicket(notSharing, ticketOf(org))).toBe(false);
    expect(render(notSharing).sql).not.toContain('organisation_members');
    const noViewOwn: Principal = { ...principal('CUSTOMER', []), sharedOrganisationId: org };
    expect(canViewTicket(noViewOwn, ticketOf(org))).toBe(false);
    expect(seesInternalNotes(sharing)).toBe(false);
  });

  it('without a view permission nothing is visible', () => {
    const nobody = principal('AGENT', [], [dept]);
    expect(canViewTicket(nobody, { departmentId: dept, customerId: me })).toBe(false);
    expect(render(nobody).sql).toBe('false');
  });
});
