import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { multipart, tinyPng } from '../../../test/multipart.js';
import { testDriver } from '../../../test/test-database.js';

// Issue 15: every ticket route accepts what the detail route accepts: its uuid, `1042` or `#1042`.
describe(`ticket routes by number (${testDriver})`, () => {
  const t = useTestApp();
  let customer: TestUser;
  let otherCustomer: TestUser;
  let agent: TestUser;
  let ticket: { id: string; number: number; version: number };
  let deptId: string;

  beforeAll(async () => {
    const f = factories(t.database);
    const dept = await f.department();
    deptId = dept.id;
    customer = await f.user({ role: 'CUSTOMER' });
    otherCustomer = await f.user({ role: 'CUSTOMER' });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: customer.headers,
      payload: { subject: 'Printer jams', description: 'Every morning', departmentId: dept.id },
    });
    ticket = res.json().data.ticket;
  });

  const upload = (user: TestUser, ref: string) => {
    const body = multipart([{ name: 'files', filename: 'jam.png', content: tinyPng }]);
    return t.app.inject({
      method: 'POST',
      url: `/api/tickets/${ref}/attachments`,
      headers: { ...user.headers, ...body.headers },
      payload: body.payload,
    });
  };

  it('uploads and lists attachments by number, and answers with the uuid', async () => {
    const up = await upload(customer, String(ticket.number));
    expect(up.statusCode).toBe(201);
    expect(up.json().data[0].ticketId).toBe(ticket.id);
    for (const ref of [String(ticket.number), `%23${ticket.number}`, ticket.id]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/tickets/${ref}/attachments`, headers: agent.headers });
      expect(res.statusCode, ref).toBe(200);
      expect(res.json().data.map((a: { fileName: string }) => a.fileName)).toEqual(['jam.png']);
    }
  });

  it('replies, reads history, changes and assigns by number', async () => {
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.number}/messages`,
      headers: agent.headers,
      payload: { body: 'Try the other tray', isInternal: false },
    });
    expect(reply.statusCode).toBe(201);
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/tickets/${ticket.number}/history`,
      headers: agent.headers,
    });
    expect(history.statusCode).toBe(200);
    expect(history.json().data.map((e: { action: string }) => e.action)).toContain('message_added');
    const detail = await t.app.inject({ method: 'GET', url: `/api/tickets/${ticket.number}`, headers: agent.headers });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/tickets/${ticket.number}`,
      headers: agent.headers,
      payload: { version: detail.json().data.ticket.version, subject: 'Printer jams every morning' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().data.ticket).toMatchObject({ id: ticket.id, subject: 'Printer jams every morning' });
    const assign = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.number}/assign-to-me`,
      headers: agent.headers,
      payload: {},
    });
    expect(assign.statusCode).toBe(200);
    expect(assign.json().data.ticket.assignee.id).toBe(agent.id);
  });

  it("answers 404 by number for someone else's ticket, as by uuid", async () => {
    for (const url of [`/api/tickets/${ticket.number}/attachments`, `/api/tickets/${ticket.number}/history`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: otherCustomer.headers });
      expect(res.statusCode, url).toBe(404);
    }
    expect((await upload(otherCustomer, String(ticket.number))).statusCode).toBe(404);
  });

  it('answers 404 for a number no ticket has and 400 for neither a number nor a uuid', async () => {
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/tickets/999999/attachments',
      headers: agent.headers,
    });
    expect(missing.statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'GET', url: '/api/tickets/abc/attachments', headers: agent.headers });
    expect(bad.statusCode).toBe(400);
  });

  it('deletes by number', async () => {
    const admin = await factories(t.database).user({ role: 'ADMIN' });
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: customer.headers,
      payload: { subject: 'Old one', description: 'Not needed', departmentId: deptId },
    });
    const { number, id } = made.json().data.ticket;
    const res = await t.app.inject({ method: 'DELETE', url: `/api/tickets/${number}`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ id, deleted: true });
  });
});
