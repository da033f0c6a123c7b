import { describe, expect, it } from 'vitest';
import { principal as actor } from '../../../test/principal.js';
import { canRate, canViewSummary, isChangeable, linkRefusal, summaryDepartments } from './satisfaction.policy.js';

const customer = actor('CUSTOMER', ['tickets.view_own']);
const agent = actor('AGENT', ['tickets.view_department', 'reports.view'], ['d1']);
const day = 86_400_000;

describe('satisfaction policy', () => {
  it('lets only the ticket’s own customer rate, never staff', () => {
    expect(canRate(customer, { customerId: customer.id })).toBe(true);
    expect(canRate(customer, { customerId: '00000000-0000-4000-8000-000000000009' })).toBe(false);
    // Staff who filed a ticket for themselves still do not rate it.
    expect(canRate(agent, { customerId: agent.id })).toBe(false);
  });

  it('keeps a rating changeable for 7 days after it was given', () => {
    const given = new Date('2026-11-01T10:00:00Z');
    expect(isChangeable(null, new Date())).toBe(true);
    expect(isChangeable(given, new Date(given.getTime() + 7 * day - 1))).toBe(true);
    expect(isChangeable(given, new Date(given.getTime() + 7 * day))).toBe(false);
  });

  it('refuses used, expired and superseded links', () => {
    const now = new Date('2026-11-01T10:00:00Z');
    const later = new Date(now.getTime() + day);
    expect(linkRefusal({ isCurrent: true, tokenUsedAt: null, tokenExpiresAt: later }, now)).toBeNull();
    expect(linkRefusal({ isCurrent: false, tokenUsedAt: null, tokenExpiresAt: later }, now)).toBe('superseded');
    expect(linkRefusal({ isCurrent: true, tokenUsedAt: now, tokenExpiresAt: later }, now)).toBe('used');
    expect(linkRefusal({ isCurrent: true, tokenUsedAt: null, tokenExpiresAt: now }, now)).toBe('expired');
  });

  it('shows the figures to staff with reports.view, for their departments', () => {
    expect(canViewSummary(agent)).toBe(true);
    expect(canViewSummary(actor('AGENT', ['tickets.view_department']))).toBe(false);
    expect(canViewSummary(actor('CUSTOMER', ['reports.view']))).toBe(false);
    expect(summaryDepartments(agent)).toEqual(['d1']);
    expect(summaryDepartments(actor('ADMIN', ['tickets.view_all', 'reports.view']))).toBeNull();
  });
});
