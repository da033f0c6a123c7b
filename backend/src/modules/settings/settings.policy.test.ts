import { describe, expect, it } from 'vitest';
import { principal } from '../../../test/principal.js';
import { canManageSettings } from './settings.policy.js';

describe('settings policy', () => {
  it('only settings managers and SUPER_ADMIN manage the settings', () => {
    expect(canManageSettings(principal('ADMIN', ['settings.manage']))).toBe(true);
    expect(canManageSettings(principal('SUPER_ADMIN', []))).toBe(true);
    expect(canManageSettings(principal('SUPERVISOR', ['users.manage', 'roles.manage']))).toBe(false);
    expect(canManageSettings(principal('CUSTOMER', ['tickets.view_own']))).toBe(false);
  });
});
