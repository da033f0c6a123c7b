import { describe, expect, it } from 'vitest';
import { principal as actor } from '../../../test/principal.js';
import { canUsePresence } from './presence.policy.js';

describe('presence policy', () => {
  it('is for staff only', () => {
    expect(canUsePresence(actor('AGENT', ['tickets.view_department']))).toBe(true);
    expect(canUsePresence(actor('ADMIN', ['tickets.view_all']))).toBe(true);
    expect(canUsePresence(actor('CUSTOMER', ['tickets.view_own']))).toBe(false);
    expect(canUsePresence(actor('SUPER_ADMIN', []))).toBe(true);
  });
});
