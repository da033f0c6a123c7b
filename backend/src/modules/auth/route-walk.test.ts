import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';

/**
 * Walks every route of the real app (every module registers after the auth plugin, which
 * records them) and fails when one is neither public (`config: { public: true }`, see
 * auth.plugin.ts) nor refuses an anonymous caller with 401.
 */
describe('route walk: no route is open by accident', () => {
  const t = useTestApp();

  it('records the routes of every module', () => {
    const urls = new Set(t.app.registeredRoutes.map((r) => r.url));
    for (const url of ['/health', '/api/auth/me', '/api/users', '/api/departments']) expect(urls).toContain(url);
  });

  it('every non-public route answers 401 to anonymous callers, before reading the body', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { method, url, public: isPublic } of t.app.registeredRoutes) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      const concrete = url.replace(/:[A-Za-z0-9_]+/g, randomUUID()).replace(/\*/g, 'x');
      const hasBody = !['GET', 'DELETE'].includes(method);
      const res = await api(t).request(method, concrete, hasBody ? { unexpected: 'field' } : undefined);
      if (isPublic) {
        // The help centre is public only while its setting is on (off by default).
        if (res.statusCode === 401 && !url.startsWith('/api/auth/login') && !url.startsWith('/api/help/')) {
          failures.push(`${method} ${url} is public but answered 401`);
        }
        continue;
      }
      checked++;
      if (res.statusCode !== 401 || res.json().error?.code !== 'UNAUTHENTICATED') {
        failures.push(`${method} ${url} answered ${res.statusCode} to an anonymous caller`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('refuses anonymous callers also with a foreign or broken cookie and a bad bearer token', async () => {
    for (const headers of [
      { cookie: 'helpdesk_session=forged' },
      { cookie: 'helpdesk_session=%E0%A4%A' },
      { authorization: 'Bearer hdp_not-a-token' },
    ]) {
      const res = await api(t).get('/api/users', { headers });
      expect(res.statusCode).toBe(401);
    }
  });

  it('serves the API documentation publicly, with the account routes in it', async () => {
    const res = await api(t).get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/auth/login', '/api/users/{id}', '/api/roles', '/api/audit', '/api/setup']) {
      expect(paths).toContain(p);
    }
    for (const url of [
      '/api/docs',
      '/api/docs/static/index.html',
      '/api/docs/static/swagger-ui.css',
      '/api/docs/json',
    ]) {
      expect((await api(t).get(url)).statusCode, url).toBeLessThan(400);
    }
  });
});
