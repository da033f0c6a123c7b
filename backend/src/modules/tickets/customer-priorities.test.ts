import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { testDriver } from '../../../test/test-database.js';

// Issue 15: customers may choose only the priorities the settings offer them (default: all but Urgent).
describe(`priorities customers may choose (${testDriver})`, () => {
  const t = useTestApp();
  let customer: TestUser;
  let agent: TestUser;
  let admin: TestUser;
  let deptId: string;
  let byName: Record<string, string>;

  beforeAll(async () => {
    const f = factories(t.database);
    const dept = await f.department();
    deptId = dept.id;
    customer = await f.user({ role: 'CUSTOMER' });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    admin = await f.user({ role: 'ADMIN' });
    const rows = await t.database.query<{ id: string; name: string }>('SELECT id, name FROM ticket_priorities');
    byName = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  });

  const file = (user: TestUser, priorityId?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: user.headers,
      payload: { subject: 'Help', description: 'Please', departmentId: deptId, priorityId },
    });
  const publicIds = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/settings/public' })).json().data.customerPriorityIds as string[];
  const setAllowed = (customerPriorityIds: string[] | null) =>
    t.app.inject({ method: 'PATCH', url: '/api/settings', headers: admin.headers, payload: { customerPriorityIds } });

  it('by default offers every priority but Urgent, and refuses Urgent from a customer with 422', async () => {
    expect((await publicIds()).sort()).toEqual([byName.Low, byName.Normal, byName.High].sort());
    const refused = await file(customer, byName.Urgent);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'PRIORITY_NOT_ALLOWED',
      details: [{ path: 'body.priorityId', message: 'not_allowed_for_customers' }],
    });
    expect((await file(customer, byName.High)).statusCode).toBe(201);
    expect((await file(customer)).statusCode).toBe(201);
  });

  it('staff choose any priority', async () => {
    const res = await file(agent, byName.Urgent);
    expect(res.statusCode).toBe(201);
    expect(res.json().data.ticket.priority.name).toBe('Urgent');
  });

  it('follows the setting an admin changes, in the public settings and on filing', async () => {
    expect((await setAllowed([byName.Low as string, byName.Urgent as string])).statusCode).toBe(200);
    try {
      expect((await publicIds()).sort()).toEqual([byName.Low, byName.Urgent].sort());
      expect((await file(customer, byName.Urgent)).statusCode).toBe(201);
      expect((await file(customer, byName.High)).statusCode).toBe(422);
      expect((await setAllowed(['not-a-uuid'])).statusCode).toBe(400);
    } finally {
      await setAllowed(null);
    }
    expect(await publicIds()).not.toContain(byName.Urgent);
  });

  it('says the upload limits in the public settings', async () => {
    const data = (await t.app.inject({ method: 'GET', url: '/api/settings/public' })).json().data;
    expect(data.uploads).toEqual({
      maxFileBytes: t.config.maxUploadBytes,
      maxFiles: t.config.maxFilesPerMessage,
      maxTicketBytes: t.config.maxTicketUploadBytes,
      acceptedTypes: t.config.allowedUploadTypes,
    });
    expect(data.uploads.acceptedTypes).toContain('application/pdf');
  });
});
