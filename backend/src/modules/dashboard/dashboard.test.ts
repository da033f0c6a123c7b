import { describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

describe('dashboard', () => {
  const t = useTestApp();

  it('counts the open tickets of the agent’s departments, per day and medians', async () => {
    const f = factories(t.database);
    const dept = await f.department();
    const other = await f.department();
    const customer = await f.user();
    const agent = await f.user({ role: 'AGENT', departments: [dept] });
    await f.ticket({ customer, department: dept, priority: 'Urgent', assignee: agent });
    await f.ticket({ customer, department: dept, status: 'In Progress' });
    await f.ticket({ customer, department: dept, status: 'Closed' });
    await f.ticket({ customer, department: other });
    const res = await api(t, agent).get('/api/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json().data;
    const count = (list: { item: { name: string }; count: number }[], name: string) =>
      list.find((x) => x.item.name === name)?.count;
    expect(count(d.openByStatus, 'Open')).toBe(1);
    expect(count(d.openByStatus, 'In Progress')).toBe(1);
    expect(d.openByStatus.map((x: { item: { name: string } }) => x.item.name)).not.toContain('Closed');
    expect(count(d.openByPriority, 'Urgent')).toBe(1);
    expect(count(d.openByPriority, 'Normal')).toBe(1);
    expect(d.openByDepartment).toEqual([{ item: { id: dept.id, name: dept.name }, count: 2 }]);
    expect(d.unassignedOpen).toBe(1);
    expect(d.myOpen).toBe(1);
    expect(d.perDay).toHaveLength(30);
    const today = d.perDay.at(-1);
    expect(today).toMatchObject({ date: new Date().toISOString().slice(0, 10), created: 3, closed: 1 });
    expect(d.medianResolutionMinutes).toBeGreaterThanOrEqual(0);
    expect(d.medianFirstResponseMinutes).toBeNull();

    const admin = await f.user({ role: 'ADMIN' });
    const all = (await api(t, admin).get('/api/dashboard')).json().data;
    expect(all.unassignedOpen).toBe(2);
  });

  it('is for agents and admins only', async () => {
    const f = factories(t.database);
    const customer = await f.user();
    expect((await api(t, customer).get('/api/dashboard')).statusCode).toBe(403);
    expect((await api(t).get('/api/dashboard')).statusCode).toBe(401);
  });
});
