import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.js';
import {
  canEditCanned,
  canManageShared,
  canSeeCanned,
  canUseCanned,
  offeredOnTicket,
} from './canned-responses.policy.js';

const actor = (roleName: string, permissions: string[], id = 'u1'): Actor => ({
  id,
  email: `${id}@example.test`,
  name: id,
  roleId: 'r',
  roleName,
  permissions: new Set(permissions),
  departmentIds: ['d1'],
  via: 'session',
  twoFactorEnrolmentRequired: false,
});

const agent = actor('AGENT', ['tickets.reply', 'tickets.view_department']);
const otherAgent = actor('AGENT', ['tickets.reply', 'tickets.view_department'], 'u2');
const admin = actor('ADMIN', ['tickets.reply', 'tickets.view_all', 'canned.manage']);
const customer = actor('CUSTOMER', ['tickets.reply', 'tickets.view_own', 'canned.manage']);
const personal = { scope: 'personal' as const, ownerId: 'u1', departmentId: null };
const everyone = { scope: 'shared' as const, ownerId: null, departmentId: null };
const d2Only = { scope: 'shared' as const, ownerId: null, departmentId: 'd2' };

describe('canned responses policy', () => {
  it('customers never use or manage them, whatever their permissions say', () => {
    expect(canUseCanned(customer)).toBe(false);
    expect(canManageShared(customer)).toBe(false);
    expect(canSeeCanned({ ...customer, id: 'u1' }, personal)).toBe(false);
    expect(canSeeCanned(customer, everyone)).toBe(false);
  });

  it('staff with tickets.reply use them; canned.manage manages shared ones', () => {
    expect(canUseCanned(agent)).toBe(true);
    expect(canManageShared(agent)).toBe(false);
    expect(canManageShared(admin)).toBe(true);
    expect(canManageShared(actor('SUPER_ADMIN', []))).toBe(true);
    expect(canUseCanned(actor('AGENT', ['tickets.view_department']))).toBe(false);
    // A custom role that only follows its own tickets is no agent.
    expect(canUseCanned(actor('VIP', ['tickets.reply', 'tickets.view_own']))).toBe(false);
  });

  it("a personal response is its owner's alone", () => {
    expect(canSeeCanned(agent, personal)).toBe(true);
    expect(canEditCanned(agent, personal)).toBe(true);
    expect(canSeeCanned(otherAgent, personal)).toBe(false);
    expect(canEditCanned(otherAgent, personal)).toBe(false);
    expect(canSeeCanned(actor('ADMIN', ['tickets.reply', 'tickets.view_all', 'canned.manage'], 'u3'), personal)).toBe(
      false,
    );
  });

  it('shared responses are seen by their users and edited with canned.manage only', () => {
    expect(canSeeCanned(agent, everyone)).toBe(true);
    expect(canEditCanned(agent, everyone)).toBe(false);
    expect(canEditCanned(admin, d2Only)).toBe(true);
  });

  it("a department's responses are offered on that department's tickets only", () => {
    expect(offeredOnTicket(agent, everyone, 'd1')).toBe(true);
    expect(offeredOnTicket(agent, d2Only, 'd1')).toBe(false);
    expect(offeredOnTicket(agent, d2Only, 'd2')).toBe(true);
    expect(offeredOnTicket(agent, personal, 'd9')).toBe(true);
    expect(offeredOnTicket(otherAgent, personal, 'd1')).toBe(false);
    expect(offeredOnTicket(customer, everyone, 'd1')).toBe(false);
  });
});
