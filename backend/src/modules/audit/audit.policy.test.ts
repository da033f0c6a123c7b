import { describe, expect, it } from 'vitest';
import { principal } from '../../../test/principal.js';
import { canViewAudit } from './audit.policy.js';

describe('audit policy', () => {
  it('only audit viewers and SUPER_ADMIN read the audit log', () => {
    expect(canViewAudit(principal('ADMIN', ['audit.view']))).toBe(true);
    expect(canViewAudit(principal('SUPER_ADMIN', []))).toBe(true);
    expect(canViewAudit(principal('ADMIN', ['settings.manage', 'roles.manage', 'users.manage']))).toBe(false);
  });
});
