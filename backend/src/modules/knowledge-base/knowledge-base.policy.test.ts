import type { Permission } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.js';
import { canReadArticle, canSetStatus, canWriteArticles, readerOf, visibilitiesFor } from './knowledge-base.policy.js';

const actor = (roleName: string, permissions: Permission[]): Actor => ({
  id: '00000000-0000-4000-8000-000000000001',
  email: 'a@example.test',
  name: 'A',
  roleId: '00000000-0000-4000-8000-000000000002',
  roleName,
  permissions: new Set(permissions),
  departmentIds: [],
  via: 'session',
  twoFactorEnrolmentRequired: false,
});

describe('knowledge-base policy', () => {
  it('tells staff, customers and anonymous readers apart', () => {
    expect(readerOf(null)).toBe('anonymous');
    expect(readerOf(actor('CUSTOMER', ['tickets.create', 'tickets.view_own']))).toBe('customer');
    // A customer role given kb.write by mistake still reads as a customer.
    expect(readerOf(actor('CUSTOMER', ['kb.write']))).toBe('customer');
    expect(readerOf(actor('AGENT', ['tickets.view_department']))).toBe('staff');
    expect(readerOf(actor('EDITOR', ['kb.write']))).toBe('staff');
    expect(readerOf(actor('SUPER_ADMIN', []))).toBe('staff');
    expect(readerOf(actor('AUDITOR', ['audit.view']))).toBe('customer');
  });

  it('customers and anonymous readers see published articles of their visibilities only', () => {
    const cases = [
      ['customer', 'published', 'customers', true],
      ['customer', 'published', 'staff', false],
      ['customer', 'draft', 'public', false],
      ['customer', 'archived', 'public', false],
      ['anonymous', 'published', 'public', true],
      ['anonymous', 'published', 'customers', false],
      ['staff', 'draft', 'staff', true],
    ] as const;
    for (const [reader, status, visibility, expected] of cases) {
      expect(canReadArticle(reader, { status, visibility }), `${reader} ${status} ${visibility}`).toBe(expected);
    }
    expect(visibilitiesFor('anonymous')).toEqual(['public']);
  });

  it('writing needs kb.write; a status change needs kb.publish', () => {
    const writer = actor('AGENT', ['kb.write']);
    const publisher = actor('ADMIN', ['kb.write', 'kb.publish']);
    expect(canWriteArticles(writer)).toBe(true);
    expect(canWriteArticles(null)).toBe(false);
    expect(canSetStatus(writer, 'draft', 'draft')).toBe(true);
    expect(canSetStatus(writer, 'draft', 'published')).toBe(false);
    expect(canSetStatus(publisher, 'published', 'archived')).toBe(true);
  });
});
