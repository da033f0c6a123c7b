import { describe, expect, it } from 'vitest';
import { principal } from '../../../test/principal.js';
import { canCreateTags, canManageTags, canSeeTags, canTagTickets } from './tags.policy.js';

describe('tags policy', () => {
  const agent = principal('AGENT', ['tickets.view_department', 'tickets.update', 'tags.create']);
  const readOnlyAgent = principal('AGENT', ['tickets.view_department']);
  const noCreate = principal('AGENT', ['tickets.view_department', 'tickets.update']);
  const admin = principal('ADMIN', ['tickets.view_all', 'tickets.update', 'tags.create', 'tags.manage']);
  const customer = principal('CUSTOMER', ['tickets.view_own', 'tickets.create', 'tickets.reply']);
  // A customer given staff permissions by mistake still never sees tags.
  const oddCustomer = principal('CUSTOMER', ['tickets.view_all', 'tickets.update', 'tags.create']);
  const superAdmin = principal('SUPER_ADMIN', []);

  it('only staff see tags', () => {
    expect([agent, readOnlyAgent, admin, superAdmin].map(canSeeTags)).toEqual([true, true, true, true]);
    expect([customer, oddCustomer].map(canSeeTags)).toEqual([false, false]);
  });

  it('tagging needs tickets.update; creating a tag also tags.create', () => {
    expect([agent, noCreate, readOnlyAgent, customer, oddCustomer].map(canTagTickets)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect([agent, noCreate, admin, superAdmin, oddCustomer].map(canCreateTags)).toEqual([
      true,
      false,
      true,
      true,
      false,
    ]);
  });

  it('managing tags needs tags.manage', () => {
    expect([admin, superAdmin, agent, customer].map(canManageTags)).toEqual([true, true, false, false]);
  });
});
