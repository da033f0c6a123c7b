import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { type TestApp, useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';

type Who = 'anonymous' | 'CUSTOMER' | 'AGENT' | 'ADMIN' | 'SUPER_ADMIN';
const everyone: Who[] = ['anonymous', 'CUSTOMER', 'AGENT', 'ADMIN', 'SUPER_ADMIN'];
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface Ctx {
  f: ReturnType<typeof factories>;
  who: Who;
  roleIds: Record<string, string>;
  users: Record<Exclude<Who, 'anonymous'>, TestUser>;
}

interface Row {
  method: Method;
  /** The route pattern as registered. */
  route: string;
  /** Makes fresh data for one cell and returns the concrete URL and body. */
  prepare?: (ctx: Ctx) => Promise<{ url?: string; body?: unknown }>;
  body?: (ctx: Ctx) => unknown;
  label?: string;
  /** Expected status for anonymous, CUSTOMER, AGENT, ADMIN, SUPER_ADMIN. */
  expect: [number, number, number, number, number];
}

let n = 0;
const uniq = () => `${Date.now().toString(36)}${n++}`;
const apiJson = (res: { json(): unknown }) => res.json() as { data: { id: string } };

/** Headers of a fresh session: other cells may have signed the factory session out. */
async function fresh(ctx: Ctx, user: TestUser) {
  return { cookie: await ctx.f.session(user.id), origin: 'http://localhost:80' };
}

async function statusId(ctx: Ctx, kind: 'statuses' | 'priorities', t: TestApp, admin: TestUser) {
  const res = await api(t).post(
    `/api/${kind}`,
    kind === 'statuses' ? { name: `S ${uniq()}` } : { name: `P ${uniq()}`, level: 5 },
    { headers: await fresh(ctx, admin) },
  );
  return apiJson(res).data.id;
}

describe('access matrix: every account route × anonymous, CUSTOMER, AGENT, ADMIN, SUPER_ADMIN', () => {
  const t = useTestApp();
  const roleIds: Record<string, string> = {};
  const users = {} as Ctx['users'];
  beforeAll(async () => {
    const f = factories(t.database);
    for (const r of ['SUPER_ADMIN', 'ADMIN', 'AGENT', 'CUSTOMER'] as const) {
      roleIds[r] = await f.roleId(r);
      users[r] = await f.user({ role: r });
    }
  });

  const agentTarget = async (ctx: Ctx) => (await ctx.f.user({ role: 'AGENT' })).id;
  const sa = () => users.SUPER_ADMIN;
  const dept = async (ctx: Ctx) => (await ctx.f.department()).id;
  const customRole = async (ctx: Ctx) => {
    const res = await api(t).post(
      '/api/roles',
      { name: `Role ${uniq()}`, permissions: ['tickets.view_all'] },
      { headers: await fresh(ctx, sa()) },
    );
    return apiJson(res).data.id;
  };

  const rows: Row[] = [
    { method: 'GET', route: '/api/setup', expect: [200, 200, 200, 200, 200] },
    {
      method: 'POST',
      route: '/api/setup',
      body: () => ({ email: `s${uniq()}@example.test`, name: 'S', password: 'long-enough-password' }),
      expect: [404, 404, 404, 404, 404],
    },
    { method: 'GET', route: '/api/settings/public', expect: [200, 200, 200, 200, 200] },
    {
      method: 'POST',
      route: '/api/auth/register',
      body: () => ({ email: `r${uniq()}@example.test`, name: 'R', password: 'long-enough-password' }),
      expect: [201, 201, 201, 201, 201],
    },
    {
      method: 'POST',
      route: '/api/auth/login',
      body: () => ({ email: 'nobody@example.test', password: 'wrong-password-x' }),
      expect: [401, 401, 401, 401, 401],
    },
    { method: 'POST', route: '/api/auth/logout', expect: [200, 200, 200, 200, 200] },
    { method: 'GET', route: '/api/auth/me', expect: [401, 200, 200, 200, 200] },
    { method: 'PATCH', route: '/api/auth/me', body: () => ({ name: 'Same Name' }), expect: [401, 200, 200, 200, 200] },
    {
      method: 'POST',
      route: '/api/auth/me/email',
      // Signed in, the route is reached; this app has no mail, so it refuses with 409.
      body: () => ({ email: `e${uniq()}@example.test`, currentPassword: 'whatever-it-is' }),
      expect: [401, 409, 409, 409, 409],
    },
    {
      method: 'POST',
      route: '/api/auth/confirm-email',
      body: () => ({ token: 'eml_nope' }),
      expect: [400, 400, 400, 400, 400],
    },
    {
      method: 'POST',
      route: '/api/auth/reset-password',
      body: () => ({ token: 'rst_nope', password: 'long-enough-password' }),
      expect: [400, 400, 400, 400, 400],
    },
    {
      method: 'POST',
      route: '/api/auth/forgot-password',
      // A new address each time: the same one is limited to 3 requests an hour.
      body: () => ({ email: `nobody-${randomUUID()}@example.test` }),
      expect: [200, 200, 200, 200, 200],
    },
    { method: 'GET', route: '/api/auth/sessions', expect: [401, 200, 200, 200, 200] },
    { method: 'DELETE', route: '/api/auth/sessions', expect: [401, 200, 200, 200, 200] },
    {
      method: 'DELETE',
      route: '/api/auth/sessions/:id',
      prepare: async () => ({ url: `/api/auth/sessions/${randomUUID()}` }),
      expect: [401, 404, 404, 404, 404],
    },
    { method: 'GET', route: '/api/auth/tokens', expect: [401, 200, 200, 200, 200] },
    { method: 'POST', route: '/api/auth/tokens', body: () => ({ name: 't' }), expect: [401, 201, 201, 201, 201] },
    {
      method: 'DELETE',
      route: '/api/auth/tokens/:id',
      prepare: async () => ({ url: `/api/auth/tokens/${randomUUID()}` }),
      expect: [401, 404, 404, 404, 404],
    },
    {
      method: 'POST',
      route: '/api/auth/login/two-factor',
      body: () => ({ challengeToken: 'tfa_nope', code: '123456' }),
      expect: [401, 401, 401, 401, 401],
    },
    { method: 'GET', route: '/api/auth/two-factor', expect: [401, 200, 200, 200, 200] },
    { method: 'POST', route: '/api/auth/two-factor/setup', expect: [401, 201, 201, 201, 201] },
    {
      method: 'POST',
      route: '/api/auth/two-factor/confirm',
      label: 'a wrong code',
      prepare: async (ctx) => {
        if (ctx.who !== 'anonymous') {
          const headers = await fresh(ctx, ctx.users[ctx.who]);
          await api(t).post('/api/auth/two-factor/setup', undefined, { headers });
        }
        return { body: { code: '000000' } };
      },
      expect: [401, 400, 400, 400, 400],
    },
    {
      method: 'POST',
      route: '/api/auth/two-factor/recovery-codes',
      label: 'while off',
      body: () => ({ code: '000000' }),
      expect: [401, 409, 409, 409, 409],
    },
    {
      method: 'POST',
      route: '/api/auth/two-factor/disable',
      label: 'while off',
      body: () => ({ password: 'whatever-password', code: '000000' }),
      expect: [401, 409, 409, 409, 409],
    },

    { method: 'GET', route: '/api/users', expect: [401, 403, 200, 200, 200] },
    {
      method: 'POST',
      route: '/api/users',
      label: 'an AGENT',
      body: () => ({ email: `u${uniq()}@example.test`, name: 'U', roleId: roleIds.AGENT }),
      expect: [401, 403, 403, 201, 201],
    },
    {
      method: 'POST',
      route: '/api/users',
      label: 'a SUPER_ADMIN',
      body: () => ({ email: `u${uniq()}@example.test`, name: 'U', roleId: roleIds.SUPER_ADMIN }),
      expect: [401, 403, 403, 403, 201],
    },
    {
      method: 'GET',
      route: '/api/users/:id',
      label: 'another user',
      prepare: async (ctx) => ({ url: `/api/users/${await agentTarget(ctx)}` }),
      expect: [401, 404, 200, 200, 200],
    },
    {
      method: 'GET',
      route: '/api/users/:id',
      label: 'yourself',
      prepare: async (ctx) => ({ url: `/api/users/${ctx.who === 'anonymous' ? randomUUID() : ctx.users[ctx.who].id}` }),
      expect: [401, 200, 200, 200, 200],
    },
    {
      method: 'PATCH',
      route: '/api/users/:id',
      label: 'an agent',
      prepare: async (ctx) => ({ url: `/api/users/${await agentTarget(ctx)}`, body: { name: 'Changed' } }),
      expect: [401, 403, 403, 200, 200],
    },
    {
      method: 'PATCH',
      route: '/api/users/:id',
      label: 'a SUPER_ADMIN',
      prepare: async (ctx) => ({
        url: `/api/users/${(await ctx.f.user({ role: 'SUPER_ADMIN' })).id}`,
        body: { name: 'Changed' },
      }),
      expect: [401, 403, 403, 403, 200],
    },
    {
      method: 'PATCH',
      route: '/api/users/:id',
      label: 'promote an agent to SUPER_ADMIN',
      prepare: async (ctx) => ({
        url: `/api/users/${await agentTarget(ctx)}`,
        body: { roleId: roleIds.SUPER_ADMIN },
      }),
      expect: [401, 403, 403, 403, 200],
    },
    {
      method: 'POST',
      route: '/api/users/:id/deactivate',
      label: 'an agent',
      prepare: async (ctx) => ({ url: `/api/users/${await agentTarget(ctx)}/deactivate` }),
      expect: [401, 403, 403, 200, 200],
    },
    {
      method: 'POST',
      route: '/api/users/:id/deactivate',
      label: 'a SUPER_ADMIN',
      prepare: async (ctx) => ({ url: `/api/users/${(await ctx.f.user({ role: 'SUPER_ADMIN' })).id}/deactivate` }),
      expect: [401, 403, 403, 403, 200],
    },
    {
      method: 'POST',
      route: '/api/users/:id/reactivate',
      prepare: async (ctx) => ({
        url: `/api/users/${(await ctx.f.user({ role: 'AGENT', isActive: false })).id}/reactivate`,
      }),
      expect: [401, 403, 403, 200, 200],
    },
    {
      method: 'POST',
      route: '/api/users/:id/reset-link',
      label: 'an agent',
      prepare: async (ctx) => ({ url: `/api/users/${await agentTarget(ctx)}/reset-link` }),
      expect: [401, 403, 403, 201, 201],
    },
    {
      method: 'POST',
      route: '/api/users/:id/reset-link',
      label: 'a SUPER_ADMIN',
      prepare: async () => ({ url: `/api/users/${sa().id}/reset-link` }),
      expect: [401, 403, 403, 403, 201],
    },

    { method: 'GET', route: '/api/roles', expect: [401, 403, 403, 200, 200] },
    {
      method: 'POST',
      route: '/api/roles',
      body: () => ({ name: `Role ${uniq()}`, permissions: ['reports.view'] }),
      expect: [401, 403, 403, 403, 201],
    },
    {
      method: 'PATCH',
      route: '/api/roles/:id',
      prepare: async (ctx) => ({ url: `/api/roles/${await customRole(ctx)}`, body: { description: 'x' } }),
      expect: [401, 403, 403, 403, 200],
    },
    {
      method: 'DELETE',
      route: '/api/roles/:id',
      prepare: async (ctx) => ({ url: `/api/roles/${await customRole(ctx)}` }),
      expect: [401, 403, 403, 403, 200],
    },

    { method: 'GET', route: '/api/departments', expect: [401, 200, 200, 200, 200] },
    {
      method: 'GET',
      route: '/api/departments/:id',
      prepare: async (ctx) => ({ url: `/api/departments/${await dept(ctx)}` }),
      expect: [401, 200, 200, 200, 200],
    },
    {
      method: 'POST',
      route: '/api/departments',
      body: () => ({ name: `D ${uniq()}` }),
      expect: [401, 403, 403, 201, 201],
    },
    {
      method: 'PATCH',
      route: '/api/departments/:id',
      prepare: async (ctx) => ({ url: `/api/departments/${await dept(ctx)}`, body: { description: 'changed' } }),
      expect: [401, 403, 403, 200, 200],
    },
    {
      method: 'DELETE',
      route: '/api/departments/:id',
      prepare: async (ctx) => ({ url: `/api/departments/${await dept(ctx)}` }),
      expect: [401, 403, 403, 200, 200],
    },
    {
      method: 'PUT',
      route: '/api/departments/:id/members',
      prepare: async (ctx) => ({
        url: `/api/departments/${await dept(ctx)}/members`,
        body: { userIds: [users.AGENT.id] },
      }),
      expect: [401, 403, 403, 200, 200],
    },

    { method: 'GET', route: '/api/statuses', expect: [401, 200, 200, 200, 200] },
    {
      method: 'POST',
      route: '/api/statuses',
      body: () => ({ name: `S ${uniq()}` }),
      expect: [401, 403, 403, 201, 201],
    },
    {
      method: 'PATCH',
      route: '/api/statuses/:id',
      prepare: async (ctx) => ({
        url: `/api/statuses/${await statusId(ctx, 'statuses', t, users.ADMIN)}`,
        body: { color: '#123456' },
      }),
      expect: [401, 403, 403, 200, 200],
    },
    {
      method: 'DELETE',
      route: '/api/statuses/:id',
      prepare: async (ctx) => ({ url: `/api/statuses/${await statusId(ctx, 'statuses', t, users.ADMIN)}` }),
      expect: [401, 403, 403, 200, 200],
    },
    { method: 'GET', route: '/api/priorities', expect: [401, 200, 200, 200, 200] },
    {
      method: 'POST',
      route: '/api/priorities',
      body: () => ({ name: `P ${uniq()}`, level: 1 }),
      expect: [401, 403, 403, 201, 201],
    },
    {
      method: 'PATCH',
      route: '/api/priorities/:id',
      prepare: async (ctx) => ({
        url: `/api/priorities/${await statusId(ctx, 'priorities', t, users.ADMIN)}`,
        body: { level: 7 },
      }),
      expect: [401, 403, 403, 200, 200],
    },
    {
      method: 'DELETE',
      route: '/api/priorities/:id',
      prepare: async (ctx) => ({ url: `/api/priorities/${await statusId(ctx, 'priorities', t, users.ADMIN)}` }),
      expect: [401, 403, 403, 200, 200],
    },

    { method: 'GET', route: '/api/settings', expect: [401, 403, 403, 200, 200] },
    {
      method: 'PATCH',
      route: '/api/settings',
      body: () => ({ helpdeskName: 'Matrix Desk' }),
      expect: [401, 403, 403, 200, 200],
    },
    { method: 'GET', route: '/api/audit', expect: [401, 403, 403, 200, 200] },
  ];

  for (const row of rows) {
    for (const [i, who] of everyone.entries()) {
      const expected = row.expect[i];
      it(`${row.method} ${row.route}${row.label ? ` (${row.label})` : ''} as ${who} → ${expected}`, async () => {
        const f = factories(t.database);
        const ctx: Ctx = { f, who, roleIds, users };
        const prepared = row.prepare ? await row.prepare(ctx) : {};
        const url = prepared.url ?? row.route;
        const body = prepared.body ?? row.body?.(ctx);
        // A fresh session per cell, so logout or "sign out elsewhere" cannot affect other cells.
        const headers: Record<string, string> =
          who === 'anonymous'
            ? { origin: 'http://localhost:80' }
            : { cookie: await f.session(users[who].id), origin: 'http://localhost:80' };
        const res = await api(t).request(row.method, url, body, { headers });
        expect(res.statusCode, res.body.slice(0, 300)).toBe(expected);
      });
    }
  }

  it('covers every account route', () => {
    const mine = /^\/api\/(setup|settings|auth|users|roles|departments|statuses|priorities|audit)(\/|$)/;
    const registered = t.app.registeredRoutes
      .filter((r) => r.method !== 'HEAD' && mine.test(r.url))
      .map((r) => `${r.method} ${r.url}`);
    const covered = new Set(rows.map((r) => `${r.method} ${r.route}`));
    expect(registered.filter((r) => !covered.has(r))).toEqual([]);
  });
});
