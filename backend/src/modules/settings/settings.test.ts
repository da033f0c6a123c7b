import { describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

describe('settings and the admin audit', () => {
  const t = useTestApp();
  const f = () => factories(t.database);

  it('public settings need no sign-in', async () => {
    const res = await api(t).get('/api/settings/public');
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
    const get = await api(t, admin).get('/api/settings');
    expect(get.json().data).toEqual({
      helpdeskName: 'HelpDesk Pro',
      selfSignup: true,
      requireTwoFactorForStaff: false,
      customerPriorityIds: null,
      defaultLocale: null,
      publicHelpCentre: false,
    });
    const patch = await api(t, admin).patch('/api/settings', { helpdeskName: 'Acme Support' });
    expect(patch.json().data).toEqual({
      helpdeskName: 'Acme Support',
      selfSignup: true,
      requireTwoFactorForStaff: false,
      customerPriorityIds: null,
      defaultLocale: null,
      publicHelpCentre: false,
    });
    for (const payload of [{ helpdeskName: '' }, { selfSignup: 'yes' }, { smtpPassword: 'x' }]) {
      const bad = await api(t, admin).patch('/api/settings', payload);
      expect(bad.statusCode).toBe(400);
    }
    const pub = await api(t).get('/api/settings/public');
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
    await api(t, admin).patch('/api/settings', { selfSignup: false });
    const dept = await api(t, admin).post('/api/departments', { name: 'Audited' });
    await api(t, admin).patch(`/api/departments/${dept.json().data.id}`, { name: 'Audited 2' });
    const target = await f().user({ role: 'AGENT' });
    await api(t, admin).post(`/api/users/${target.id}/deactivate`);

    const res = await api(t, admin).get('/api/audit?limit=2');
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
    const next = await api(t, admin).get(`/api/audit?limit=2&cursor=${first.meta.nextCursor}`);
    expect(next.json().data.map((e: { action: string }) => e.action)).toEqual([
      'department.created',
      'settings.updated',
    ]);
    const settingsEntry = next.json().data[1];
    expect(settingsEntry.before).toMatchObject({ selfSignup: true });
    expect(settingsEntry.after).toMatchObject({ selfSignup: false });

    const filtered = await api(t, admin).get('/api/audit?entityType=settings');
    expect(filtered.json().data.every((e: { entityType: string }) => e.entityType === 'settings')).toBe(true);
    // Secrets never reach the audit.
    const all = await api(t, admin).get('/api/audit?limit=100');
    expect(all.body).not.toMatch(/argon2|password_hash|passwordHash/);
  });

  it('the audit log refuses bad paging input and callers without audit.view', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    for (const query of ['limit=0', 'limit=101', 'cursor=bogus', 'unknown=1']) {
      const res = await api(t, admin).get(`/api/audit?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().success).toBe(false);
    }
    for (const role of ['AGENT', 'CUSTOMER']) {
      const user = await f().user({ role });
      const res = await api(t, user).get('/api/audit');
      expect(res.statusCode, role).toBe(403);
    }
  });
});
