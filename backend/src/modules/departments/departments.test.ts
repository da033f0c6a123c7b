import { departmentSchema } from '@helpdesk/contract';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { api, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import type { Database } from '../../db/client.js';
import { createLogger } from '../../lib/logger.js';

const redisUrl = 'redis://127.0.0.1:6379/0';

describe('departments', () => {
  const t = useTestApp();
  const f = () => factories(t.database);
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  /** Another app instance on the same database (its own cache), as a second server would be. */
  async function secondInstance(env: Record<string, string> = {}) {
    const config = loadConfig({
      ...{ NODE_ENV: 'test', LOG_LEVEL: 'silent', CLIENT_DIST_DIR: '/nonexistent' },
      ...env,
    });
    const database: Database = { ...t.database };
    const app = await buildApp({ config, database, logger: createLogger(config) });
    await app.ready();
    closers.push(() => app.close());
    return app;
  }

  it('lists for everyone signed in: customers see active departments without staff ids', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const active = await f().department();
    const hidden = await f().department({ isActive: false });
    const agent = await f().user({ role: 'AGENT', departments: [active] });
    const customer = await f().user();

    const forAdmin = await api(t, admin).get('/api/departments');
    const adminList = forAdmin.json().data as { id: string; memberIds: string[] }[];
    expect(adminList.map((d) => d.id)).toEqual(expect.arrayContaining([active.id, hidden.id]));
    expect(adminList.find((d) => d.id === active.id)?.memberIds).toEqual([agent.id]);

    const forCustomer = await api(t, customer).get('/api/departments');
    const customerList = forCustomer.json().data as { id: string; memberIds: string[] }[];
    expect(customerList.map((d) => d.id)).toContain(active.id);
    expect(customerList.map((d) => d.id)).not.toContain(hidden.id);
    expect(customerList.every((d) => d.memberIds.length === 0)).toBe(true);
    const one = await api(t, customer).get(`/api/departments/${hidden.id}`);
    expect(one.statusCode).toBe(404);
  });

  it('creates, renames, sets members, refuses duplicates and customers as members, deletes', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const agent = await f().user({ role: 'AGENT' });
    const customer = await f().user();
    const res = await api(t, admin).post('/api/departments', {
      name: 'Billing',
      description: 'Invoices',
      autoAssign: true,
    });
    const d = expectOk(res, departmentSchema, 201);
    expect(d).toMatchObject({
      name: 'Billing',
      description: 'Invoices',
      isActive: true,
      autoAssign: true,
      memberIds: [],
    });
    const dup = await api(t, admin).post('/api/departments', { name: 'Billing' });
    expect(dup.statusCode).toBe(409);
    const bad = await api(t, admin).post('/api/departments', { name: '', lastAssignedUserId: agent.id });
    expect(bad.statusCode).toBe(400);

    const members = await api(t, admin).put(`/api/departments/${d.id}/members`, { userIds: [agent.id] });
    expect(members.json().data.memberIds).toEqual([agent.id]);
    const agentMe = await api(t, agent).get('/api/auth/me');
    expect(agentMe.json().data.user.departmentIds).toContain(d.id);
    const withCustomer = await api(t, admin).put(`/api/departments/${d.id}/members`, {
      userIds: [agent.id, customer.id],
    });
    expect(withCustomer.statusCode).toBe(400);

    const patched = await api(t, admin).patch(`/api/departments/${d.id}`, {
      name: 'Billing & Payments',
      isActive: false,
    });
    expect(patched.json().data).toMatchObject({ name: 'Billing & Payments', isActive: false, memberIds: [agent.id] });
    const del = await api(t, admin).delete(`/api/departments/${d.id}`);
    expect(del.statusCode).toBe(200);
    const gone = await api(t, admin).get(`/api/departments/${d.id}`);
    expect(gone.statusCode).toBe(404);
  });

  it('refuses to delete a department that tickets use (422)', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const customer = await f().user();
    const d = await f().department();
    await t.database.query(
      `INSERT INTO tickets (subject, description, status_id, priority_id, department_id, customer_id, created_by_id)
       VALUES ('s', 'd', (SELECT id FROM ticket_statuses WHERE is_default), (SELECT id FROM ticket_priorities WHERE is_default), $1, $2, $2)`,
      [d.id, customer.id],
    );
    const res = await api(t, admin).delete(`/api/departments/${d.id}`);
    expect(res.statusCode).toBe(422);
    const still = await api(t, admin).get(`/api/departments/${d.id}`);
    expect(still.statusCode).toBe(200);
  });

  it('in-process cache: a change made through another instance shows at once', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const other = await secondInstance();
    const list = async () =>
      (await api(t, admin).get('/api/departments')).json().data as {
        id: string;
        name: string;
        memberIds: string[];
      }[];
    await list();
    const created = await api({ app: other }, admin).post('/api/departments', { name: 'Made elsewhere' });
    expect(created.statusCode).toBe(201);
    const id = created.json().data.id as string;
    expect((await list()).map((d) => d.name)).toContain('Made elsewhere');

    const agent = await f().user({ role: 'AGENT' });
    await api({ app: other }, admin).patch(`/api/users/${agent.id}`, { departmentIds: [id] });
    expect((await list()).find((d) => d.id === id)?.memberIds).toEqual([agent.id]);
    await api({ app: other }, admin).patch(`/api/users/${agent.id}`, { departmentIds: [] });
    expect((await list()).find((d) => d.id === id)?.memberIds).toEqual([]);
  });

  it('Redis cache (REDIS_URL): shared by instances and invalidated on change', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const redis = new Redis(redisUrl, { lazyConnect: true });
    closers.push(async () => {
      redis.disconnect();
    });
    await redis.connect();
    await redis.del('helpdesk:departments:v2');
    const a = await secondInstance({ REDIS_URL: redisUrl });
    const b = await secondInstance({ REDIS_URL: redisUrl });
    const list = async () =>
      (await api({ app: a }, admin).get('/api/departments')).json().data as {
        name: string;
      }[];
    await list();
    expect(await redis.exists('helpdesk:departments:v2')).toBe(1);
    const created = await api({ app: b }, admin).post('/api/departments', { name: 'Through Redis' });
    expect(created.statusCode).toBe(201);
    // The old list was dropped; what Redis holds now (refilled by B's answer) has the new one.
    expect(await redis.get('helpdesk:departments:v2')).toContain('Through Redis');
    expect((await list()).map((d) => d.name)).toContain('Through Redis');
    await redis.del('helpdesk:departments:v2');
  });
});
