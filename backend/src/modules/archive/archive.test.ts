import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { testDriver } from '../../../test/test-database.js';
import { archiveTickets, unarchiveTicket } from '../maintenance/maintenance.service.js';

describe(`archived tickets by number (${testDriver})`, () => {
  const t = useTestApp();
  let admin: TestUser;
  let agent: TestUser;
  let customer: TestUser;
  let number: number;

  beforeAll(async () => {
    const f = factories(t.database);
    const dept = await f.department();
    admin = await f.user({ role: 'ADMIN' });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    customer = await f.user();
    const res = await api(t, customer).post('/api/tickets', {
      subject: 'Old printer question',
      description: 'long ago',
      departmentId: dept.id,
    });
    const ticket = res.json().data.ticket;
    number = ticket.number;
    await t.database.query(
      `UPDATE tickets SET status_id = (SELECT id FROM ticket_statuses WHERE name = 'Closed'),
         updated_at = now() - interval '7 months' WHERE id = $1`,
      [ticket.id],
    );
    const summary = await archiveTickets(t.database, { dryRun: false });
    expect(summary.skipped).toEqual([]);
  });

  it('an admin finds an archived ticket by its number', async () => {
    const gone = await api(t, admin).get(`/api/tickets/${number}`);
    expect(gone.statusCode).toBe(404);
    const res = await api(t, admin).get(`/api/archive/tickets?number=%23${number}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual([{ number, subject: 'Old printer question', updatedAt: expect.any(String) }]);
    const all = await api(t, admin).get('/api/archive/tickets');
    expect(all.json().data).toHaveLength(1);
  });

  it('is for those who see every ticket only, and checks its input', async () => {
    for (const user of [agent, customer]) {
      const res = await api(t, user).get('/api/archive/tickets');
      expect(res.statusCode).toBe(403);
    }
    expect((await api(t).get('/api/archive/tickets')).statusCode).toBe(401);
    const bad = await api(t, admin).get('/api/archive/tickets?number=abc');
    expect(bad.statusCode).toBe(400);
  });

  it('brings an unarchived ticket back into the queue, in its place by last activity', async () => {
    await unarchiveTicket(t.database, number);
    const res = await api(t, admin).get('/api/tickets?sort=updated_at&order=asc&limit=100');
    expect(res.statusCode).toBe(200);
    // Seven months old: the least recently active ticket.
    expect(res.json().data[0]).toMatchObject({ number });
  });
});
