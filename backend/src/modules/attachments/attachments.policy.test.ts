import { describe, expect, it } from 'vitest';
import { principal } from '../../../test/principal.js';
import { canSeeAttachment } from './attachments.policy.js';

const dept = '11111111-1111-4111-8111-111111111111';
const otherDept = '22222222-2222-4222-8222-222222222222';

describe('attachments policy', () => {
  const customer = principal('CUSTOMER', ['tickets.view_own', 'tickets.create']);
  const agent = principal('AGENT', ['tickets.view_department', 'tickets.internal_note'], [dept]);
  const ownFile = { departmentId: dept, customerId: customer.id, isInternal: false };

  it('a file is seen with its ticket: the customer their own, agents their departments’', () => {
    expect(canSeeAttachment(customer, ownFile)).toBe(true);
    expect(canSeeAttachment(customer, { ...ownFile, customerId: '44444444-4444-4444-8444-444444444444' })).toBe(false);
    expect(canSeeAttachment(agent, ownFile)).toBe(true);
    expect(canSeeAttachment(agent, { ...ownFile, departmentId: otherDept })).toBe(false);
  });

  it('files of internal notes only for those who see internal notes, never the customer', () => {
    const noteFile = { ...ownFile, isInternal: true };
    expect(canSeeAttachment(customer, noteFile)).toBe(false);
    expect(canSeeAttachment(agent, noteFile)).toBe(true);
    // A custom role that may see its own tickets only is no reader of notes either.
    expect(canSeeAttachment(principal('PARTNER', ['tickets.view_own']), noteFile)).toBe(false);
  });
});
