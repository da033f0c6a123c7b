import { describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

type Status = { id: string; name: string; sortOrder: number; isDefault: boolean; isClosed: boolean; color: string };

describe('statuses and priorities', () => {
  const t = useTestApp();
  const f = () => factories(t.database);

  async function ticketWith(statusId: string | null, priorityId: string | null) {
    const customer = await f().user();
    const d = await f().department();
    await t.database.query(
      `INSERT INTO tickets (subject, description, status_id, priority_id, department_id, customer_id, created_by_id)
       VALUES ('s', 'd', coalesce($1::uuid, (SELECT id FROM ticket_statuses WHERE is_default)),
         coalesce($2::uuid, (SELECT id FROM ticket_priorities WHERE is_default)), $3, $4, $4)`,
      [statusId, priorityId, d.id, customer.id],
    );
  }

  it('lists the seeded statuses in order for any signed-in user, with exactly one default', async () => {
    const customer = await f().user();
    const res = await api(t, customer).get('/api/statuses');
    const list = res.json().data as Status[];
    expect(list.map((s) => s.name)).toEqual(['Open', 'In Progress', 'Waiting on Customer', 'Resolved', 'Closed']);
    expect(list.filter((s) => s.isDefault).map((s) => s.name)).toEqual(['Open']);
    const pr = await api(t, customer).get('/api/priorities');
    expect(pr.json().data.map((p: { name: string }) => p.name)).toEqual(['Urgent', 'High', 'Normal', 'Low']);
  });

  it('marking a status closed closes its tickets (closedAt, queues); marking it open reopens them', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const dept = await f().department();
    const created = await api(t, admin).post('/api/statuses', { name: `Parked ${Date.now()}`, sortOrder: 50 });
    const parked = created.json().data as Status;
    const ticket = await f().ticket({ customer: await f().user(), department: dept, status: parked.name });
    const detail = async () => (await api(t, admin).get(`/api/tickets/${ticket.id}`)).json().data.ticket;
    const queue = async (status: string) =>
      (await api(t, admin).get(`/api/tickets?status=${status}&departmentId=${dept.id}`))
        .json()
        .data.map((i: { id: string }) => i.id);
    const mark = (isClosed: boolean) => api(t, admin).patch(`/api/statuses/${parked.id}`, { isClosed });

    expect(await queue('open')).toEqual([ticket.id]);
    expect((await mark(true)).statusCode).toBe(200);
    expect((await detail()).closedAt).not.toBeNull();
    expect(await queue('open')).toEqual([]);
    expect(await queue('closed')).toEqual([ticket.id]);
    expect((await mark(false)).statusCode).toBe(200);
    expect((await detail()).closedAt).toBeNull();
    expect(await queue('open')).toEqual([ticket.id]);
    expect(await queue('closed')).toEqual([]);
  });

  it('creates, renames, recolours, reorders and moves the default; exactly one default stays', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const create = await api(t, admin).post('/api/statuses', { name: 'Escalated', color: '#ff0000', sortOrder: 15 });
    expect(create.statusCode).toBe(201);
    const id = create.json().data.id;
    const patch = await api(t, admin).patch(`/api/statuses/${id}`, {
      name: 'Escalated!',
      color: '#00ff00',
      sortOrder: 5,
      isDefault: true,
    });
    expect(patch.json().data).toMatchObject({ name: 'Escalated!', color: '#00ff00', sortOrder: 5, isDefault: true });
    const list = (await api(t, admin).get('/api/statuses')).json().data as Status[];
    expect(list[0]?.name).toBe('Escalated!');
    expect(list.filter((s) => s.isDefault)).toHaveLength(1);

    const unset = await api(t, admin).patch(`/api/statuses/${id}`, { isDefault: false });
    expect(unset.statusCode).toBe(422);
    const delDefault = await api(t, admin).delete(`/api/statuses/${id}`);
    expect(delDefault.statusCode).toBe(422);
    const open = list.find((s) => s.name === 'Open') as Status;
    await api(t, admin).patch(`/api/statuses/${open.id}`, { isDefault: true });

    const dup = await api(t, admin).post('/api/statuses', { name: 'Open' });
    expect(dup.statusCode).toBe(409);
    for (const payload of [{ name: 'X', color: 'red' }, { name: '' }, { name: 'Y', isSystem: true }]) {
      const bad = await api(t, admin).post('/api/statuses', payload);
      expect(bad.statusCode).toBe(400);
    }

    // Concurrent "make me the default" calls still leave exactly one.
    const a = await api(t, admin).post('/api/statuses', { name: 'A1' });
    const b = await api(t, admin).post('/api/statuses', { name: 'B1' });
    await Promise.all([a, b].map((r) => api(t, admin).patch(`/api/statuses/${r.json().data.id}`, { isDefault: true })));
    const defaults = await t.database.query('SELECT id FROM ticket_statuses WHERE is_default');
    expect(defaults).toHaveLength(1);
  });

  it('files tickets closed while a closed status is the default (closed_at set)', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const customer = await f().user();
    const d = await f().department();
    const list = (await api(t, admin).get('/api/statuses')).json().data as Status[];
    const closed = list.find((s) => s.name === 'Closed') as Status;
    const open = list.find((s) => s.name === 'Open') as Status;
    await api(t, admin).patch(`/api/statuses/${closed.id}`, { isDefault: true });
    try {
      const res = await api(t, customer).post('/api/tickets', {
        subject: 'Filed closed',
        description: 'd',
        departmentId: d.id,
      });
      expect(res.statusCode).toBe(201);
      const ticket = res.json().data.ticket;
      expect(ticket.status).toMatchObject({ id: closed.id, isClosed: true });
      expect(ticket.closedAt).not.toBeNull();
      const [row] = await t.database.query<{ closed: boolean }>(
        "SELECT closed_at IS NOT NULL AND closed_at <= created_at + interval '1 minute' AS closed FROM tickets WHERE id = $1",
        [ticket.id],
      );
      expect(row).toEqual({ closed: true });
    } finally {
      await api(t, admin).patch(`/api/statuses/${open.id}`, { isDefault: true });
    }
  });

  it('refuses to delete a status or priority that tickets use (422); deletes unused ones', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const s = await api(t, admin).post('/api/statuses', { name: 'Used' });
    const p = await api(t, admin).post('/api/priorities', { name: 'Used P', level: 25 });
    await ticketWith(s.json().data.id, p.json().data.id);
    const delS = await api(t, admin).delete(`/api/statuses/${s.json().data.id}`);
    expect(delS.statusCode).toBe(422);
    const delP = await api(t, admin).delete(`/api/priorities/${p.json().data.id}`);
    expect(delP.statusCode).toBe(422);

    const unused = await api(t, admin).post('/api/priorities', { name: 'Unused', level: 1, isDefault: true });
    const low = (await api(t, admin).get('/api/priorities')).json().data as {
      id: string;
      name: string;
      isDefault: boolean;
    }[];
    expect(low.filter((x) => x.isDefault).map((x) => x.name)).toEqual(['Unused']);
    const normal = low.find((x) => x.name === 'Normal') as { id: string };
    await api(t, admin).patch(`/api/priorities/${normal.id}`, { isDefault: true });
    const del = await api(t, admin).delete(`/api/priorities/${unused.json().data.id}`);
    expect(del.statusCode).toBe(200);
    const missing = await api(t, admin).delete(`/api/priorities/${unused.json().data.id}`);
    expect(missing.statusCode).toBe(404);
  });
});
