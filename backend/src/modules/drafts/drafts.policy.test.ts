import { describe, expect, it } from 'vitest';
import { principal } from '../../../test/principal.js';
import type { Actor } from '../auth/actor.js';
import { canDraftNewTicket, canDraftOnTicket } from './drafts.policy.js';

// The rules read only the role, permissions and departments.
const actor = (...args: Parameters<typeof principal>) => principal(...args) as Actor;

describe('drafts policy', () => {
  it('drafts what the actor may send', () => {
    const agent = actor('AGENT', ['tickets.reply', 'tickets.internal_note']);
    const customer = actor('CUSTOMER', ['tickets.reply', 'tickets.create']);
    expect(canDraftOnTicket(agent, 'reply')).toBe(true);
    expect(canDraftOnTicket(agent, 'note')).toBe(true);
    expect(canDraftOnTicket(customer, 'reply')).toBe(true);
    expect(canDraftOnTicket(customer, 'note')).toBe(false);
    expect(canDraftOnTicket(actor('VIEWER', []), 'reply')).toBe(false);
    expect(canDraftNewTicket(customer)).toBe(true);
    expect(canDraftNewTicket(agent)).toBe(false);
  });
});
