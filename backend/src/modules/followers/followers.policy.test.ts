import { describe, expect, it } from 'vitest';
import { principal } from '../../../test/principal.js';
import type { Actor } from '../auth/actor.js';
import { canMerge } from '../tickets/tickets.policy.js';
import { canFollow } from './followers.policy.js';

// The rules read only the role, permissions and departments.
const actor = (...args: Parameters<typeof principal>) => principal(...args) as Actor;

describe('followers and merge policies (issue 17)', () => {
  const agent = actor('AGENT', ['tickets.view_department', 'tickets.update'], ['d1']);
  const admin = actor('ADMIN', ['tickets.view_all', 'tickets.update', 'tickets.merge_any']);
  const customer = actor('CUSTOMER', ['tickets.view_own', 'tickets.update', 'tickets.merge_any']);

  it('staff follow tickets, customers never', () => {
    expect(canFollow(agent)).toBe(true);
    expect(canFollow(admin)).toBe(true);
    expect(canFollow(customer)).toBe(false);
    expect(canFollow(actor('VIEWER', []))).toBe(false);
  });

  it('merges within one customer with tickets.update, across customers with tickets.merge_any', () => {
    const a = { customerId: 'c1' };
    const b = { customerId: 'c2' };
    expect(canMerge(agent, a, a)).toBe(true);
    expect(canMerge(agent, a, b)).toBe(false);
    expect(canMerge(admin, a, b)).toBe(true);
    expect(canMerge(actor('AGENT', ['tickets.view_department'], ['d1']), a, a)).toBe(false);
    // A customer-like role is refused whatever its stored permissions say.
    expect(canMerge(customer, a, a)).toBe(false);
  });
});
