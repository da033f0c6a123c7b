import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

describe('settings and the admin audit', () => {
  const t = useTestApp();
  const f = () => factories(t.database);

  it('public settings need no sign-in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/settings/public' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      helpdeskName: 'HelpDesk Pro',
      selfSignup: true,
      defaultLocale: null,
      setupNeeded: true,
      publicHelpCentre: false,
    });
  });

  it('admins read and change settings; strict body', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const get = await t.app.inject({ method: 'GET', url: '/api/settings', headers: admin.headers });
    expect(get.json().data).toEqual({
      helpdeskName: 'HelpDesk Pro',
      selfSignup: true,
      requireTwoFactorForStaff: false,
      customerPriorityIds: null,
      defaultLocale: null,
      publicHelpCentre: false,
    });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin.headers,
      payload: { helpdeskName: 'Acme Support' },
    });
    expect(patch.json().data).toEqual({
      helpdeskName: 'Acme Support',
      selfSignup: true,
      requireTwoFactorForStaff: false,
      customerPriorityIds: null,
      defaultLocale: null,
      publicHelpCentre: false,
    });
    for (const payload of [{ helpdeskName: '' }, { selfSignup: 'yes' }, { smtpPassword: 'x' }]) {
      const bad = await t.app.inject({ method: 'PATCH', url: '/api/settings', headers: admin.headers, payload });
      expect(bad.statusCode).toBe(400);
    }
    const pub = await t.app.inject({ method: 'GET', url: '/api/settings/public' });
    expect(pub.json().data).toMatchObject({ helpdeskName: 'Acme Support', setupNeeded: true });
  });

  it("the helpdesk's default language: one of the client's languages, public for the sign-in page", async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin.headers,
      payload: { defaultLocale: 'de' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().data.defaultLocale).toBe('de');
    const pub = await t.app.inject({ method: 'GET', url: '/api/settings/public' });
    expect(pub.json().data.defaultLocale).toBe('de');
    for (const defaultLocale of ['fr', '', 'DE', 5]) {
      const bad = await t.app.inject({
        method: 'PATCH',
        url: '/api/settings',
        headers: admin.headers,
        payload: { defaultLocale },
      });
      expect(bad.statusCode).toBe(400);
    }
    const after = await t.app.inject({ method: 'GET', url: '/api/settings/public' });
    expect(after.json().data.defaultLocale).toBe('de');
    // null: each visitor's browser language again.
    const reset = await t.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin.headers,
      payload: { defaultLocale: null },
    });
    expect(reset.json().data.defaultLocale).toBeNull();
  });

  it('records who changed what, with before and after, newest first in keyset pages', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    await t.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin.headers,
      payload: { selfSignup: false },
    });
    const dept = await t.app.inject({
      method: 'POST',
      url: '/api/departments',
      headers: admin.headers,
      payload: { name: 'Audited' },
    });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/departments/${dept.json().data.id}`,
      headers: admin.headers,
      payload: { name: 'Audited 2' },
    });
    const target = await f().user({ role: 'AGENT' });
    await t.app.inject({ method: 'POST', url: `/api/users/${target.id}/deactivate`, headers: admin.headers });

    const res = await t.app.inject({ method: 'GET', url: '/api/audit?limit=2', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const first = res.json();
    expect(first.data).toHaveLength(2);
    expect(first.data[0]).toMatchObject({
      action: 'user.deactivated',
      entityType: 'user',
      entityId: target.id,
      actor: { id: admin.id, email: admin.email },
      before: { isActive: true },
      after: { isActive: false },
    });
    expect(first.data[1]).toMatchObject({
      action: 'department.updated',
      before: { name: 'Audited' },
      after: { name: 'Audited 2' },
    });
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/audit?limit=2&cursor=${first.meta.nextCursor}`,
      headers: admin.headers,
    });
    expect(next.json().data.map((e: { action: string }) => e.action)).toEqual([
      'department.created',
      'settings.updated',
    ]);
    const settingsEntry = next.json().data[1];
    expect(settingsEntry.before).toMatchObject({ selfSignup: true });
    expect(settingsEntry.after).toMatchObject({ selfSignup: false });

    const filtered = await t.app.inject({
      method: 'GET',
      url: '/api/audit?entityType=settings',
      headers: admin.headers,
    });
    expect(filtered.json().data.every((e: { entityType: string }) => e.entityType === 'settings')).toBe(true);
    // Secrets never reach the audit.
    const all = await t.app.inject({ method: 'GET', url: '/api/audit?limit=100', headers: admin.headers });
    expect(all.body).not.toMatch(/argon2|password_hash|passwordHash/);
  });

  it('the audit log refuses bad paging input and callers without audit.view', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    for (const query of ['limit=0', 'limit=101', 'cursor=bogus', 'unknown=1']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/audit?${query}`, headers: admin.headers });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().success).toBe(false);
    }
    for (const role of ['AGENT', 'CUSTOMER']) {
      const user = await f().user({ role });
      const res = await t.app.inject({ method: 'GET', url: '/api/audit', headers: user.headers });
      expect(res.statusCode, role).toBe(403);
    }
  });
});
