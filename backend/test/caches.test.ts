import { describe, expect, it } from 'vitest';
import { api } from './api.js';
import { useTestApp } from './build-test-app.js';
import { factories, type TestUser } from './factories.js';
import { outsideSql } from './outside-sql.js';
import { testDriver } from './test-database.js';

const TOKEN = 'cache-metrics-token-0123456789';

/**
 * The in-process caches (who is asking; statuses and priorities) must never answer with what
 * was true before a committed change, whoever made it: this process, another worker, the CLI
 * or psql. Each test checks a result through the HTTP API right after such a change.
 */
describe('in-process caches and the change feed', () => {
  const t = useTestApp({ METRICS_TOKEN: TOKEN });

  async function sessionHits(): Promise<number> {
    const res = await api(t).get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    const m = /helpdesk_cache_lookups_total\{cache="session",result="hit"\} (\d+)/.exec(res.body);
    return m ? Number(m[1]) : 0;
  }

  /** Signs the user in until the answer comes from the cache (the feed connects in the background). */
  async function warm(user: TestUser) {
    for (let i = 0; i < 100; i++) {
      const before = await sessionHits();
      expect((await api(t, user).get('/api/auth/me')).statusCode).toBe(200);
      if ((await sessionHits()) > before) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the session was never served from the cache');
  }

  const outside = (text: string, params: unknown[]) => outsideSql(t, text, params);

  /** The answer once a change made elsewhere has arrived (PostgreSQL delivers it within milliseconds). */
  async function eventually(user: TestUser, status: number, url = '/api/auth/me') {
    let got = 0;
    for (let i = 0; i < 100; i++) {
      got = (await api(t, user).get(url)).statusCode;
      if (got === status) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    return got;
  }

  it('answers repeat requests of a signed-in user from memory', async () => {
    const user = await factories(t.database).user();
    await warm(user);
    const before = await sessionHits();
    for (let i = 0; i < 3; i++) expect((await api(t, user).get('/api/auth/me')).statusCode).toBe(200);
    expect((await sessionHits()) - before).toBeGreaterThanOrEqual(3);
  });

  it('a change this process commits applies to the very next request', async () => {
    const f = factories(t.database);
    const user = await f.user();
    await warm(user);
    // Straight SQL on the app's own pool, bypassing every service.
    await t.database.query('UPDATE users SET is_active = false WHERE id = $1', [user.id]);
    expect((await api(t, user).get('/api/auth/me')).statusCode).toBe(401);

    const other = await f.user();
    await warm(other);
    await t.database.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1', [other.id]);
    expect((await api(t, other).get('/api/auth/me')).statusCode).toBe(401);
  });

  it('deactivation, revocation and role changes made by another process apply', async () => {
    const f = factories(t.database);
    const deactivated = await f.user();
    await warm(deactivated);
    await outside('UPDATE users SET is_active = false WHERE id = $1', [deactivated.id]);
    expect(await eventually(deactivated, 401)).toBe(401);

    const revoked = await f.user();
    await warm(revoked);
    await outside('UPDATE sessions SET revoked_at = now() WHERE user_id = $1', [revoked.id]);
    expect(await eventually(revoked, 401)).toBe(401);

    const expired = await f.user();
    await warm(expired);
    await outside("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [expired.id]);
    expect(await eventually(expired, 401)).toBe(401);

    // An agent who leaves a department no longer sees its tickets.
    const dept = await f.department();
    const agent = await f.user({ role: 'AGENT', departments: [dept] });
    const ticket = await f.ticket({ customer: await f.user(), department: dept });
    await warm(agent);
    expect(await eventually(agent, 200, `/api/tickets/${ticket.id}`)).toBe(200);
    await outside('DELETE FROM department_members WHERE user_id = $1', [agent.id]);
    expect(await eventually(agent, 404, `/api/tickets/${ticket.id}`)).toBe(404);

    // A role that loses a permission loses it for everyone holding it.
    const roleName = `Viewer ${Date.now()}`;
    await outside(`INSERT INTO roles (name, description, permissions) VALUES ($1, '', $2::jsonb)`, [
      roleName,
      JSON.stringify(['tickets.view_all']),
    ]);
    const viewer = await f.user({ role: roleName });
    await warm(viewer);
    expect(await eventually(viewer, 200, `/api/tickets/${ticket.id}`)).toBe(200);
    await outside(`UPDATE roles SET permissions = '[]'::jsonb WHERE name = $1`, [roleName]);
    expect(await eventually(viewer, 404, `/api/tickets/${ticket.id}`)).toBe(404);
  });

  it.runIf(testDriver === 'postgres')('serves nothing from memory while the change feed is reconnecting', async () => {
    const user = await factories(t.database).user();
    await warm(user);
    // Cut every LISTENing connection of this database (the feed's and the pool's), then change
    // the user while the feed is down: the next request must not come from the stale copy.
    await outside(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'`,
      [],
    );
    await outside('UPDATE users SET is_active = false WHERE id = $1', [user.id]);
    expect(await eventually(user, 401)).toBe(401);
    // Once reconnected the cache serves again, and still never a stale answer.
    const next = await factories(t.database).user();
    await warm(next);
    await outside('UPDATE users SET is_active = false WHERE id = $1', [next.id]);
    expect(await eventually(next, 401)).toBe(401);
  });

  it('status and priority changes show in the next answer', async () => {
    const f = factories(t.database);
    const dept = await f.department();
    const admin = await f.user({ role: 'ADMIN', departments: [dept] });
    const customer = await f.user();
    await f.ticket({ customer, department: dept });
    const dashboard = async () => (await api(t, admin).get('/api/dashboard')).json().data;
    const statusNames = async () =>
      (await dashboard()).openByStatus.map((s: { item: { name: string } }) => s.item.name);
    expect(await statusNames()).toContain('Open');

    await outside("UPDATE ticket_statuses SET name = 'Fresh' WHERE name = 'Open'", []);
    let names: string[] = [];
    for (let i = 0; i < 100; i++) {
      names = await statusNames();
      if (names.includes('Fresh')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(names).toContain('Fresh');
    expect(names).not.toContain('Open');

    // Through the API: a status marked closed leaves the open queue at once.
    const list = (await api(t, admin).get('/api/statuses')).json().data;
    const inProgress = list.find((s: { name: string }) => s.name === 'In Progress');
    await f.ticket({ customer, department: dept, status: 'In Progress' });
    const openCount = async () =>
      (await api(t, admin).get(`/api/tickets?status=open&departmentId=${dept.id}`)).json().data.length;
    expect(await openCount()).toBe(2);
    const patched = await api(t, admin).patch(`/api/statuses/${inProgress.id}`, { isClosed: true });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await openCount()).toBe(1);
    await outside("UPDATE ticket_statuses SET name = 'Open' WHERE name = 'Fresh'", []);
  });
});
