import {
  customFieldListResponseSchema,
  customFieldSchema,
  ticketCustomFieldSchema,
  ticketDetailSchema,
  ticketListItemSchema,
} from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { archiveTickets, unarchiveTicket } from '../maintenance/maintenance.service.js';
import { queueFieldFilters } from './custom-fields.service.js';

let n = 0;
const key = (base: string) => `${base}_${Date.now().toString(36)}_${n++}`;

describe('custom fields', () => {
  const t = useTestApp();
  const f = () => factories(t.database);

  async function statusId(name: string): Promise<string> {
    const res = await t.database.db.execute(sql`SELECT id FROM ticket_statuses WHERE name = ${name}`);
    return (res as unknown as { rows: { id: string }[] }).rows[0]?.id ?? '';
  }

  /** An admin, an agent and a customer around a fresh department (fields in tests are scoped to it). */
  async function world() {
    const dept = await f().department();
    const admin = await f().user({ role: 'ADMIN' });
    const agent = await f().user({ role: 'AGENT', departments: [dept] });
    const customer = await f().user();
    return { dept, admin, agent, customer };
  }

  async function define(admin: TestUser, body: Record<string, unknown>) {
    return expectOk(await api(t, admin).post('/api/custom-fields', body), customFieldSchema, 201);
  }

  async function ticketFields(user: TestUser, ticketId: string) {
    return expectOk(await api(t, user).get(`/api/tickets/${ticketId}/custom-fields`), z.array(ticketCustomFieldSchema));
  }

  it('definitions: create, list in order, rename options, retire, archive; 400, 403, 404, 409, 422', async () => {
    const { dept, admin, agent, customer } = await world();
    const k = key('plan');
    const plan = await define(admin, {
      key: k,
      label: 'Plan',
      type: 'select',
      options: [{ label: 'Free' }, { label: 'Gold' }],
      departmentIds: [dept.id],
      customerVisible: true,
    });
    expect(plan.options.map((o) => o.label)).toEqual(['Free', 'Gold']);
    const notes = await define(admin, {
      key: key('notes'),
      label: 'Notes',
      type: 'long_text',
      departmentIds: [dept.id],
    });

    // Same key again, even with other letters around it: 409.
    expectError(
      await api(t, admin).post('/api/custom-fields', { key: k, label: 'X', type: 'text' }),
      409,
      'CUSTOM_FIELD_KEY_TAKEN',
    );
    // Bad input: 400; a select without options, editable but hidden, unknown department: 422.
    for (const body of [
      { key: 'Bad Key', label: 'X', type: 'text' },
      { key: key('x'), label: 'X', type: 'colour' },
      { key: key('x'), label: '', type: 'text' },
      { key: key('x'), label: 'X', type: 'text', extra: 1 },
    ]) {
      expectError(await api(t, admin).post('/api/custom-fields', body), 400, 'VALIDATION_ERROR');
    }
    for (const body of [
      { key: key('x'), label: 'X', type: 'select' },
      { key: key('x'), label: 'X', type: 'text', options: [{ label: 'A' }] },
      { key: key('x'), label: 'X', type: 'text', customerEditable: true },
      { key: key('x'), label: 'X', type: 'text', departmentIds: ['00000000-0000-4000-8000-000000000000'] },
    ]) {
      expectError(await api(t, admin).post('/api/custom-fields', body), 422, 'RULE_VIOLATION');
    }
    // Agents and customers may not define fields.
    for (const user of [agent, customer]) {
      expectError(
        await api(t, user).post('/api/custom-fields', { key: key('x'), label: 'X', type: 'text' }),
        403,
        'FORBIDDEN',
      );
      expectError(await api(t, user).patch(`/api/custom-fields/${plan.id}`, { label: 'Y' }), 403, 'FORBIDDEN');
    }

    // Rename Gold, retire Free, add Platinum; the key cannot change; options are never dropped.
    const [free, gold] = plan.options;
    const renamed = expectOk(
      await api(t, admin).patch(`/api/custom-fields/${plan.id}`, {
        label: 'Support plan',
        options: [
          { id: free?.id, label: 'Free', retired: true },
          { id: gold?.id, label: 'Golden' },
          { label: 'Platinum' },
        ],
      }),
      customFieldSchema,
    );
    expect(renamed.options.map((o) => [o.label, o.retired])).toEqual([
      ['Free', true],
      ['Golden', false],
      ['Platinum', false],
    ]);
    expect(renamed.options[1]?.id).toBe(gold?.id);
    expectError(await api(t, admin).patch(`/api/custom-fields/${plan.id}`, { key: 'other' }), 400, 'VALIDATION_ERROR');
    expectError(
      await api(t, admin).patch(`/api/custom-fields/${plan.id}`, { options: [{ id: gold?.id, label: 'Gold' }] }),
      422,
      'RULE_VIOLATION',
    );
    expectError(
      await api(t, admin).patch('/api/custom-fields/00000000-0000-4000-8000-000000000000', { label: 'Y' }),
      404,
      'NOT_FOUND',
    );

    // Order: notes before plan.
    const all = expectOk(
      await api(t, admin).get('/api/custom-fields?includeArchived=true'),
      customFieldListResponseSchema.shape.data,
    );
    const ids = all.map((x) => x.id).filter((id) => id !== notes.id && id !== plan.id);
    const ordered = expectOk(
      await api(t, admin).put('/api/custom-fields/order', { ids: [notes.id, plan.id, ...ids] }),
      z.array(customFieldSchema),
    );
    expect(ordered.slice(0, 2).map((x) => x.id)).toEqual([notes.id, plan.id]);
    expectError(await api(t, admin).put('/api/custom-fields/order', { ids: [notes.id] }), 422, 'RULE_VIOLATION');
    expectError(await api(t, agent).put('/api/custom-fields/order', { ids: [notes.id] }), 403, 'FORBIDDEN');

    // Customers see only customer-visible fields; archived fields disappear from the lists.
    const seen = async (user: TestUser, q = '') =>
      expectOk(await api(t, user).get(`/api/custom-fields${q}`), z.array(customFieldSchema)).map((x) => x.key);
    expect(await seen(customer)).toContain(k);
    expect(await seen(customer)).not.toContain(notes.key);
    expect(await seen(agent)).toContain(notes.key);
    expect(await seen(agent, `?departmentId=${(await f().department()).id}`)).not.toContain(notes.key);
    expectOk(await api(t, admin).patch(`/api/custom-fields/${notes.id}`, { archived: true }), customFieldSchema);
    expect(await seen(agent)).not.toContain(notes.key);
    expect(await seen(admin, '?includeArchived=true')).toContain(notes.key);
    // includeArchived is for admins only: an agent still gets the active list.
    expect(await seen(agent, '?includeArchived=true')).not.toContain(notes.key);
    expect((await api(t, null).get('/api/custom-fields')).statusCode).toBe(401);
  });

  it('values: each type is checked against the field (422 names the field), history records changes', async () => {
    const { dept, admin, agent, customer } = await world();
    const fields = {
      text: await define(admin, { key: key('ref'), label: 'Reference', type: 'text', departmentIds: [dept.id] }),
      long: await define(admin, { key: key('steps'), label: 'Steps', type: 'long_text', departmentIds: [dept.id] }),
      number: await define(admin, { key: key('seats'), label: 'Seats', type: 'number', departmentIds: [dept.id] }),
      date: await define(admin, { key: key('due'), label: 'Due', type: 'date', departmentIds: [dept.id] }),
      check: await define(admin, { key: key('vip'), label: 'VIP', type: 'checkbox', departmentIds: [dept.id] }),
      select: await define(admin, {
        key: key('plan'),
        label: 'Plan',
        type: 'select',
        options: [{ label: 'Free' }, { label: 'Gold' }],
        departmentIds: [dept.id],
      }),
      multi: await define(admin, {
        key: key('os'),
        label: 'Systems',
        type: 'multi_select',
        options: [{ label: 'Linux' }, { label: 'Mac' }, { label: 'Windows' }],
        departmentIds: [dept.id],
      }),
    };
    const ticket = await f().ticket({ customer, department: dept });
    const [gold, linux, mac] = [fields.select.options[1]?.id, fields.multi.options[0]?.id, fields.multi.options[1]?.id];

    const bad: [keyof typeof fields, unknown][] = [
      ['text', 42],
      ['text', 'two\nlines'],
      ['long', 'x'.repeat(10_001)],
      ['number', 'seven'],
      ['date', '2026-02-30'],
      ['date', 'tomorrow'],
      ['check', 'yes'],
      ['select', '00000000-0000-4000-8000-000000000000'],
      ['select', [gold]],
      ['multi', [linux, linux]],
      ['multi', gold],
    ];
    for (const [which, value] of bad) {
      const k = fields[which].key;
      const res = await api(t, agent).patch(`/api/tickets/${ticket.id}`, { version: 1, customFields: { [k]: value } });
      if (res.statusCode === 400) continue; // the wire shape itself (e.g. too long for the schema)
      const error = expectError(res, 422, 'CUSTOM_FIELD_INVALID');
      expect(
        error.details?.map((d) => d.path),
        `${which} ${JSON.stringify(value)}`,
      ).toEqual([`body.customFields.${k}`]);
    }
    expectError(
      await api(t, agent).patch(`/api/tickets/${ticket.id}`, { version: 1, customFields: { nosuchfield: 'x' } }),
      422,
      'CUSTOM_FIELD_INVALID',
    );

    const good = {
      [fields.text.key]: '  INV-7  ',
      [fields.long.key]: 'Step 1\nStep 2',
      [fields.number.key]: 12.5,
      [fields.date.key]: '2026-12-24',
      [fields.check.key]: true,
      [fields.select.key]: gold,
      [fields.multi.key]: [mac, linux],
    };
    const saved = expectOk(
      await api(t, agent).patch(`/api/tickets/${ticket.id}`, { version: 1, customFields: good }),
      ticketDetailSchema,
    );
    expect(saved.ticket.version).toBe(2);
    const values = Object.fromEntries((await ticketFields(agent, ticket.id)).map((x) => [x.key, x.value]));
    expect(values).toEqual({
      [fields.text.key]: 'INV-7',
      [fields.long.key]: 'Step 1\nStep 2',
      [fields.number.key]: 12.5,
      [fields.date.key]: '2026-12-24',
      [fields.check.key]: true,
      [fields.select.key]: gold,
      [fields.multi.key]: [linux, mac],
    });
    // The same values again change nothing (no new version).
    const same = expectOk(
      await api(t, agent).patch(`/api/tickets/${ticket.id}`, { version: 2, customFields: good }),
      ticketDetailSchema,
    );
    expect(same.ticket.version).toBe(2);

    // Clearing and a retired option: the ticket keeps its retired option, a new choice may not pick it.
    expectOk(
      await api(t, admin).patch(`/api/custom-fields/${fields.select.id}`, {
        options: fields.select.options
          .map((o) => ({ id: o.id, label: o.label, retired: true }))
          .concat([{ id: undefined as unknown as string, label: 'New', retired: false }]),
      }),
      customFieldSchema,
    );
    expectOk(
      await api(t, agent).patch(`/api/tickets/${ticket.id}`, {
        version: 2,
        customFields: { [fields.select.key]: gold, [fields.check.key]: false, [fields.text.key]: null },
      }),
      ticketDetailSchema,
    );
    const other = await f().ticket({ customer, department: dept });
    expectError(
      await api(t, agent).patch(`/api/tickets/${other.id}`, {
        version: 1,
        customFields: { [fields.select.key]: gold },
      }),
      422,
      'CUSTOM_FIELD_INVALID',
    );

    const history = expectOk(
      await api(t, agent).get(`/api/tickets/${ticket.id}/history`),
      z.array(
        z.object({ field: z.string().nullable(), oldValue: z.string().nullable(), newValue: z.string().nullable() }),
      ),
    );
    const byField = (label: string) => history.filter((h) => h.field === label).map((h) => [h.oldValue, h.newValue]);
    expect(byField('Plan')).toEqual([[null, 'Gold']]);
    expect(byField('Systems')).toEqual([[null, 'Linux, Mac']]);
    expect(byField('VIP')).toEqual([
      [null, '✓'],
      ['✓', null],
    ]);
    expect(byField('Reference')).toEqual([
      [null, 'INV-7'],
      ['INV-7', null],
    ]);
    // Staff-only fields' history is internal: the customer sees none of it.
    const customerHistory = (await api(t, customer).get(`/api/tickets/${ticket.id}/history`)).json().data as {
      field: string | null;
    }[];
    expect(customerHistory.filter((h) => h.field === 'Plan')).toEqual([]);
  });

  it('customers: see and set only visible, editable fields; never staff-only ones; not on others’ tickets', async () => {
    const { dept, admin, agent, customer } = await world();
    const edit = await define(admin, {
      key: key('order'),
      label: 'Order number',
      type: 'text',
      customerVisible: true,
      customerEditable: true,
      departmentIds: [dept.id],
    });
    const readOnly = await define(admin, {
      key: key('tier'),
      label: 'Tier',
      type: 'text',
      customerVisible: true,
      departmentIds: [dept.id],
    });
    const secret = await define(admin, {
      key: key('risk'),
      label: 'Churn risk',
      type: 'text',
      departmentIds: [dept.id],
    });
    const ticket = await f().ticket({ customer, department: dept });
    expectOk(
      await api(t, agent).patch(`/api/tickets/${ticket.id}`, {
        version: 1,
        customFields: { [secret.key]: 'high', [readOnly.key]: 'Gold' },
      }),
      ticketDetailSchema,
    );

    const mine = await ticketFields(customer, ticket.id);
    expect(mine.map((x) => [x.key, x.value, x.editable])).toEqual([
      [edit.key, null, true],
      [readOnly.key, 'Gold', false],
    ]);
    const raw = (await api(t, customer).get(`/api/tickets/${ticket.id}/custom-fields`)).body;
    expect(raw).not.toContain('high');
    expect(raw).not.toContain(secret.key);

    expectOk(
      await api(t, customer).patch(`/api/tickets/${ticket.id}`, { version: 2, customFields: { [edit.key]: 'A-1' } }),
      ticketDetailSchema,
    );
    expectError(
      await api(t, customer).patch(`/api/tickets/${ticket.id}`, {
        version: 3,
        customFields: { [readOnly.key]: 'Platinum' },
      }),
      403,
      'FORBIDDEN',
    );
    // A staff-only key is unknown to a customer (no hint that it exists).
    const hidden = expectError(
      await api(t, customer).patch(`/api/tickets/${ticket.id}`, { version: 3, customFields: { [secret.key]: 'low' } }),
      422,
      'CUSTOM_FIELD_INVALID',
    );
    expect(hidden.message).not.toContain('Churn');

    // The values endpoint of the queue: no staff-only values for customers, nothing of others' tickets.
    const stranger = await f().user();
    const values = (user: TestUser) => api(t, user).get(`/api/custom-fields/values?ticketId=${ticket.id}`);
    expect(expectOk(await values(customer), z.record(z.string(), z.record(z.string(), z.unknown())))).toEqual({
      [ticket.id]: { [edit.key]: 'A-1', [readOnly.key]: 'Gold' },
    });
    expect(expectOk(await values(stranger), z.record(z.string(), z.unknown()))).toEqual({});
    expect(
      expectOk(await values(agent), z.record(z.string(), z.record(z.string(), z.unknown())))[ticket.id],
    ).toMatchObject({
      [secret.key]: 'high',
    });
    // Another customer's ticket: 404, as for the ticket itself.
    expectError(await api(t, stranger).get(`/api/tickets/${ticket.id}/custom-fields`), 404, 'NOT_FOUND');
    expectError(
      await api(t, stranger).patch(`/api/tickets/${ticket.id}`, { version: 4, customFields: { [edit.key]: 'B' } }),
      404,
      'NOT_FOUND',
    );
    // An agent of another department neither.
    const outsider = await f().user({ role: 'AGENT', departments: [await f().department()] });
    expectError(await api(t, outsider).get(`/api/tickets/${ticket.id}/custom-fields`), 404, 'NOT_FOUND');
    expect(expectOk(await values(outsider), z.record(z.string(), z.unknown()))).toEqual({});
    expectError(await api(t, agent).get('/api/custom-fields/values?ticketId=nope'), 400, 'VALIDATION_ERROR');
  });

  it('required on create, department scope, and a multipart create with values', async () => {
    const { dept, admin, agent, customer } = await world();
    const otherDept = await f().department();
    const product = await define(admin, {
      key: key('product'),
      label: 'Product',
      type: 'select',
      options: [{ label: 'App' }, { label: 'Web' }],
      customerVisible: true,
      customerEditable: true,
      requiredOnCreate: true,
      departmentIds: [dept.id],
    });
    const staffOnly = await define(admin, {
      key: key('triage'),
      label: 'Triage code',
      type: 'text',
      requiredOnCreate: true,
      departmentIds: [dept.id],
    });
    const base = { subject: 'Help', description: 'It broke', departmentId: dept.id };
    const app = product.options[0]?.id ?? '';

    // The customer must fill Product, but not the staff-only Triage code.
    const missing = expectError(await api(t, customer).post('/api/tickets', base), 422, 'CUSTOM_FIELD_REQUIRED');
    expect(missing.details?.map((d) => d.path)).toEqual([`body.customFields.${product.key}`]);
    const created = expectOk(
      await api(t, customer).post('/api/tickets', { ...base, customFields: { [product.key]: app } }),
      ticketDetailSchema,
      201,
    );
    expect((await ticketFields(agent, created.ticket.id)).find((x) => x.key === product.key)?.value).toBe(app);
    // Staff filing a ticket must fill both.
    const staffMissing = expectError(
      await api(t, agent).post('/api/tickets', {
        ...base,
        customerId: customer.id,
        customFields: { [product.key]: app },
      }),
      422,
      'CUSTOM_FIELD_REQUIRED',
    );
    expect(staffMissing.details?.map((d) => d.path)).toEqual([`body.customFields.${staffOnly.key}`]);
    // Another department: the fields do not apply, not required, and may not be set.
    expectOk(
      await api(t, customer).post('/api/tickets', { ...base, departmentId: otherDept.id }),
      ticketDetailSchema,
      201,
    );
    expectError(
      await api(t, customer).post('/api/tickets', {
        ...base,
        departmentId: otherDept.id,
        customFields: { [product.key]: app },
      }),
      422,
      'CUSTOM_FIELD_INVALID',
    );

    // Multipart: customFields is a JSON text field.
    const boundary = '----cf';
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = `${part('subject', 'With file')}${part('description', 'See file')}${part('departmentId', dept.id)}${part(
      'customFields',
      JSON.stringify({ [product.key]: app }),
    )}--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`;
    const res = await api(t, customer).post('/api/tickets', payload, {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    const multi = expectOk(res, ticketDetailSchema, 201);
    expect((await ticketFields(customer, multi.ticket.id)).find((x) => x.key === product.key)?.value).toBe(app);
    const badJson = await api(t, customer).post(
      '/api/tickets',
      payload.replace(JSON.stringify({ [product.key]: app }), '{oops'),
      {
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      },
    );
    expectError(badJson, 400, 'VALIDATION_ERROR');
  });

  it('required to close: closing needs the field (422 naming it), filled in the same change or before; bulk too', async () => {
    const { dept, admin, agent, customer } = await world();
    const cause = await define(admin, {
      key: key('cause'),
      label: 'Root cause',
      type: 'select',
      options: [{ label: 'Bug' }, { label: 'User error' }],
      requiredToClose: true,
      departmentIds: [dept.id],
    });
    const closed = await statusId('Closed');
    const ticket = await f().ticket({ customer, department: dept });
    const refused = expectError(
      await api(t, agent).patch(`/api/tickets/${ticket.id}`, { version: 1, statusId: closed }),
      422,
      'CUSTOM_FIELD_REQUIRED',
    );
    expect(refused.details).toEqual([{ path: `body.customFields.${cause.key}`, message: 'Required' }]);
    expect(refused.message).toContain('Root cause');
    // Nothing changed.
    const still = expectOk(await api(t, agent).get(`/api/tickets/${ticket.id}`), ticketDetailSchema);
    expect([still.ticket.status.name, still.ticket.version]).toEqual(['Open', 1]);

    // Bulk close reports the same refusal per ticket.
    const bulk = (
      await api(t, agent).post('/api/tickets/bulk', { ticketIds: [ticket.id], changes: { statusId: closed } })
    ).json().data as { ok: boolean; error?: { code: string } }[];
    expect(bulk[0]?.error?.code).toBe('CUSTOM_FIELD_REQUIRED');

    // Filled in the same change: closes.
    const done = expectOk(
      await api(t, agent).patch(`/api/tickets/${ticket.id}`, {
        version: 1,
        statusId: closed,
        customFields: { [cause.key]: cause.options[0]?.id },
      }),
      ticketDetailSchema,
    );
    expect(done.ticket.status.isClosed).toBe(true);
    // A customer closing their own ticket is not held up by a staff-only field.
    const own = await f().ticket({ customer, department: dept });
    const byCustomer = expectOk(
      await api(t, customer).patch(`/api/tickets/${own.id}`, { version: 1, statusId: closed }),
      ticketDetailSchema,
    );
    expect(byCustomer.ticket.status.isClosed).toBe(true);
    // Another department's tickets are not affected.
    const elsewhere = await f().department();
    const agent2 = await f().user({ role: 'AGENT', departments: [elsewhere] });
    const free = await f().ticket({ customer, department: elsewhere });
    expectOk(
      await api(t, agent2).patch(`/api/tickets/${free.id}`, { version: 1, statusId: closed }),
      ticketDetailSchema,
    );
  });

  it('queue filters on select, checkbox and date fields; hidden and non-filterable fields are refused', async () => {
    const { dept, admin, agent, customer } = await world();
    const plan = await define(admin, {
      key: key('plan'),
      label: 'Plan',
      type: 'multi_select',
      options: [{ label: 'Free' }, { label: 'Gold' }, { label: 'Platinum' }],
      departmentIds: [dept.id],
    });
    const vip = await define(admin, { key: key('vip'), label: 'VIP', type: 'checkbox', departmentIds: [dept.id] });
    const due = await define(admin, { key: key('due'), label: 'Due', type: 'date', departmentIds: [dept.id] });
    const ref = await define(admin, { key: key('ref'), label: 'Ref', type: 'text', departmentIds: [dept.id] });
    const [freeId, goldId, platId] = plan.options.map((o) => o.id);
    const tickets = [];
    for (const values of [
      { [plan.key]: [goldId], [vip.key]: true, [due.key]: '2026-01-10' },
      { [plan.key]: [freeId, platId], [due.key]: '2026-02-10' },
      { [vip.key]: true },
    ]) {
      const ticket = await f().ticket({ customer, department: dept });
      expectOk(
        await api(t, agent).patch(`/api/tickets/${ticket.id}`, { version: 1, customFields: values }),
        ticketDetailSchema,
      );
      tickets.push(ticket.id);
    }
    const [a, b, c] = tickets;
    const queue = async (filter: string) =>
      expectOk(
        await api(t, agent).get(`/api/tickets?departmentId=${dept.id}&field=${encodeURIComponent(filter)}`),
        z.array(ticketListItemSchema),
      )
        .map((x) => x.id)
        .sort();
    const sorted = (...ids: (string | undefined)[]) => [...ids].sort();
    expect(await queue(`${plan.key}:${goldId}`)).toEqual(sorted(a));
    expect(await queue(`${plan.key}:${goldId}|${platId}`)).toEqual(sorted(a, b));
    expect(await queue(`${vip.key}:true`)).toEqual(sorted(a, c));
    expect(await queue(`${vip.key}:false`)).toEqual(sorted(b));
    expect(await queue(`${due.key}:2026-02-01..`)).toEqual(sorted(b));
    expect(await queue(`${due.key}:..2026-01-31`)).toEqual(sorted(a));
    expect(await queue(`${due.key}:2026-01-10`)).toEqual(sorted(a));
    expect(await queue(`${vip.key}:true,${plan.key}:${goldId}`)).toEqual(sorted(a));

    for (const filter of [
      `${ref.key}:x`,
      `${vip.key}:maybe`,
      `${due.key}:soon`,
      `${plan.key}:gold`,
      'nosuch:1',
      'Bad:1',
    ]) {
      expectError(await api(t, agent).get(`/api/tickets?field=${encodeURIComponent(filter)}`), 400, 'VALIDATION_ERROR');
    }
    // The same answers whichever way the queue reads them: the matching tickets first (rare
    // values) or a probe per ticket (common ones).
    const agentActor = {
      ...agent,
      roleName: 'AGENT',
      permissions: new Set(['tickets.view_department', 'tickets.update'] as const),
      departmentIds: [dept.id],
    } as unknown as Parameters<typeof queueFieldFilters>[1];
    // Rare values narrowed to the queue's department and open tickets (all three are), to the
    // department in either state (written in upper case, as a query may), or not at all.
    for (const narrow of [
      { rareMatches: 0 },
      { rareMatches: Number.POSITIVE_INFINITY, departments: [dept.id], open: true },
      { rareMatches: Number.POSITIVE_INFINITY, departments: [dept.id.toUpperCase()] },
      { rareMatches: Number.POSITIVE_INFINITY },
    ]) {
      const probe = async (filter: string) => {
        const conditions = (await queueFieldFilters(t.database, agentActor, [filter], narrow)).map((f) => f.condition);
        const res = await t.database.db.execute(
          sql`SELECT t.id FROM tickets t WHERE t.department_id = ${dept.id}::uuid AND ${sql.join(conditions, sql` AND `)}`,
        );
        return (res as unknown as { rows: { id: string }[] }).rows.map((r) => r.id).sort();
      };
      expect(await probe(`${plan.key}:${goldId}|${platId}`)).toEqual(sorted(a, b));
      expect(await probe(`${vip.key}:true`)).toEqual(sorted(a, c));
      expect(await probe(`${vip.key}:false`)).toEqual(sorted(b));
      expect(await probe(`${due.key}:2026-02-01..`)).toEqual(sorted(b));
      expect(await probe(`${due.key}:..2026-01-31`)).toEqual(sorted(a));
    }

    // A customer cannot probe staff-only values of their own tickets through the filters.
    expectError(
      await api(t, customer).get(`/api/tickets?field=${encodeURIComponent(`${vip.key}:true`)}`),
      400,
      'VALIDATION_ERROR',
    );
  });

  it('a value filter follows its ticket to another department and through closing and reopening', async () => {
    const { dept, admin, customer } = await world();
    const other = await f().department();
    const agent = await f().user({ role: 'AGENT', departments: [dept, other] });
    const plan = await define(admin, {
      key: key('plan'),
      label: 'Plan',
      type: 'select',
      options: [{ label: 'Gold' }],
      departmentIds: [dept.id, other.id],
    });
    const gold = plan.options[0]?.id;
    const ticket = await f().ticket({ customer, department: dept });
    let version = expectOk(
      await api(t, agent).patch(`/api/tickets/${ticket.id}`, { version: 1, customFields: { [plan.key]: gold } }),
      ticketDetailSchema,
    ).ticket.version;
    const change = async (body: Record<string, unknown>) => {
      version = expectOk(
        await api(t, agent).patch(`/api/tickets/${ticket.id}`, { version, ...body }),
        ticketDetailSchema,
      ).ticket.version;
    };
    const queue = async (query: string) =>
      expectOk(
        await api(t, agent).get(`/api/tickets?${query}&field=${encodeURIComponent(`${plan.key}:${gold}`)}`),
        z.array(ticketListItemSchema),
      ).map((x) => x.id);
    // The value rows' copies of the ticket's department and open state, which the filter reads.
    const copies = async () => {
      const res = await t.database.db.execute(
        sql`SELECT department_id AS "departmentId", ticket_open AS "open" FROM ticket_field_values WHERE ticket_id = ${ticket.id}`,
      );
      return (res as unknown as { rows: unknown[] }).rows;
    };
    expect(await copies()).toEqual([{ departmentId: dept.id, open: true }]);
    expect(await queue(`status=open&departmentId=${dept.id}`)).toEqual([ticket.id]);
    expect(await queue(`status=open&departmentId=${other.id}`)).toEqual([]);

    await change({ departmentId: other.id });
    expect(await copies()).toEqual([{ departmentId: other.id, open: true }]);
    expect(await queue(`status=open&departmentId=${dept.id}`)).toEqual([]);
    expect(await queue(`status=open&departmentId=${other.id}`)).toEqual([ticket.id]);
    expect(await queue('status=open')).toEqual([ticket.id]);

    await change({ statusId: await statusId('Closed') });
    expect(await copies()).toEqual([{ departmentId: other.id, open: false }]);
    expect(await queue('status=open')).toEqual([]);
    expect(await queue(`status=closed&departmentId=${other.id}`)).toEqual([ticket.id]);

    await change({ statusId: await statusId('Open') });
    expect(await copies()).toEqual([{ departmentId: other.id, open: true }]);
    expect(await queue('status=open')).toEqual([ticket.id]);
    expect(await queue('status=closed')).toEqual([]);
  });

  it('values go with their ticket: deleted with it, archived and brought back with it', async () => {
    const { dept, admin, agent, customer } = await world();
    const ref = await define(admin, { key: key('ref'), label: 'Ref', type: 'text', departmentIds: [dept.id] });
    const count = async (id: string) => {
      const res = await t.database.db.execute(
        sql`SELECT count(*)::int AS n FROM ticket_field_values WHERE ticket_id = ${id}`,
      );
      return (res as unknown as { rows: { n: number }[] }).rows[0]?.n;
    };
    const doomed = await f().ticket({ customer, department: dept });
    expectOk(
      await api(t, agent).patch(`/api/tickets/${doomed.id}`, { version: 1, customFields: { [ref.key]: 'x' } }),
      ticketDetailSchema,
    );
    expect((await api(t, admin).delete(`/api/tickets/${doomed.id}`)).statusCode).toBe(200);
    expect(await count(doomed.id)).toBe(0);

    const old = await f().ticket({ customer, department: dept, status: 'Closed' });
    expectOk(
      await api(t, agent).patch(`/api/tickets/${old.id}`, { version: 1, customFields: { [ref.key]: 'kept' } }),
      ticketDetailSchema,
    );
    await t.database.db.execute(sql`UPDATE tickets SET updated_at = now() - interval '8 months' WHERE id = ${old.id}`);
    const done = await archiveTickets(t.database, { dryRun: false });
    expect(done.skipped).toEqual([]);
    expect(await count(old.id)).toBe(0);
    await unarchiveTicket(t.database, old.number);
    expect((await ticketFields(agent, old.id)).find((x) => x.key === ref.key)?.value).toBe('kept');
  });
});

describe('custom fields: a common select option walks the field rows of each department', () => {
  // Every value is common here: the queue never reads a value's matches first (decision 015).
  const t = useTestApp({ FIELD_FILTER_RARE_MATCHES: '0' });
  const f = () => factories(t.database);

  it('newest first: the same tickets and order as the probe per ticket, through pages, moves, closes and value changes', async () => {
    const deptA = await f().department();
    const deptB = await f().department();
    const admin = await f().user({ role: 'ADMIN' });
    const agentA = await f().user({ role: 'AGENT', departments: [deptA] });
    const agentB = await f().user({ role: 'AGENT', departments: [deptB] });
    const customer = await f().user();
    const plan = expectOk(
      await api(t, admin).post('/api/custom-fields', {
        key: key('plan'),
        label: 'Plan',
        type: 'select',
        options: [{ label: 'Gold' }, { label: 'Silver' }],
        departmentIds: [deptA.id, deptB.id],
      }),
      customFieldSchema,
      201,
    );
    const [gold, silver] = plan.options.map((o) => o.id) as [string, string];
    // Two share a creation time: the ticket id orders them.
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 9, minutes));
    const made: { id: string }[] = [];
    for (const minutes of [1, 2, 2, 3])
      made.push(await f().ticket({ customer, department: deptA, createdAt: at(minutes) }));
    const [a0, a1, a2, a3] = made as [{ id: string }, { id: string }, { id: string }, { id: string }];
    const silverOne = await f().ticket({ customer, department: deptA, createdAt: at(4) });
    const noValue = await f().ticket({ customer, department: deptA, createdAt: at(5) });
    const b1 = await f().ticket({ customer, department: deptB, createdAt: at(6) });
    const versions = new Map<string, number>();
    const change = async (ticket: { id: string }, body: Record<string, unknown>) => {
      const version = versions.get(ticket.id) ?? 1;
      const res = expectOk(
        await api(t, admin).patch(`/api/tickets/${ticket.id}`, { version, ...body }),
        ticketDetailSchema,
      );
      versions.set(ticket.id, res.ticket.version);
    };
    for (const ticket of [a0, a1, a2, a3, b1]) await change(ticket, { customFields: { [plan.key]: gold } });
    await change(silverOne, { customFields: { [plan.key]: silver } });
    const ours = [a0, a1, a2, a3, silverOne, noValue, b1].map((x) => x.id);
    const queue = async (user: TestUser, query: string) =>
      expectOk(await api(t, user).get(`/api/tickets?limit=100&${query}`), z.array(ticketListItemSchema))
        .map((x) => x.id)
        .filter((id) => ours.includes(id));
    const filter = (...options: string[]) => `field=${encodeURIComponent(`${plan.key}:${options.join('|')}`)}`;

    // The admin's whole queue probes each ticket: the reference order, newest first.
    const probed = await queue(admin, filter(gold));
    expect([...probed].sort()).toEqual([a0, a1, a2, a3, b1].map((x) => x.id).sort());
    const probedA = probed.filter((id) => id !== b1.id);
    expect(probedA[0]).toBe(a3.id);
    expect(probedA[3]).toBe(a0.id);
    expect(await queue(agentA, filter(gold))).toEqual(probedA);
    expect(await queue(agentA, `${filter(gold)}&order=asc`)).toEqual([...probedA].reverse());
    expect(await queue(agentB, filter(gold))).toEqual([b1.id]);
    // Either option of a multi-value filter; the ticket without a value never.
    expect(await queue(agentA, filter(gold, silver))).toEqual([silverOne.id, ...probedA]);
    // Other filters still apply to the walked tickets: none has a running SLA clock.
    expect(await queue(agentA, `${filter(gold)}&sla=breached`)).toEqual([]);
    // Pages of one: every ticket once, in the same order.
    const paged: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res = await api(t, agentA).get(
        `/api/tickets?limit=1&${filter(gold)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      paged.push(...(res.json().data as { id: string }[]).map((y) => y.id));
      cursor = res.json().meta.nextCursor;
      if (!cursor) break;
    }
    expect(paged.filter((id) => ours.includes(id))).toEqual(probedA);

    // With a tag too, the tag's rows are walked and the value checked on each ticket.
    const tagName = key('walk');
    for (const ticket of [a1, silverOne]) {
      const tagged = await api(t, agentA).post(`/api/tickets/${ticket.id}/tags`, { name: tagName });
      expect(tagged.statusCode, tagged.body).toBe(200);
    }
    expect(await queue(agentA, `${filter(gold)}&tagsAny=${tagName}`)).toEqual([a1.id]);

    // Closed, moved to another department, given another option: the walk follows each at once.
    const statuses = (await api(t, admin).get('/api/statuses')).json().data as { id: string; isClosed: boolean }[];
    const closed = statuses.find((st) => st.isClosed)?.id;
    const reopened = statuses.find((st) => !st.isClosed)?.id;
    await change(a1, { statusId: closed });
    await change(a2, { departmentId: deptB.id });
    await change(a3, { customFields: { [plan.key]: silver } });
    expect(await queue(agentA, `${filter(gold)}&status=open`)).toEqual([a0.id]);
    expect(await queue(agentA, `${filter(gold)}&status=closed`)).toEqual([a1.id]);
    expect(await queue(agentB, filter(gold))).toEqual([b1.id, a2.id]);
    expect(await queue(agentA, filter(silver))).toEqual([silverOne.id, a3.id]);
    // Reopened and moved back: found again.
    await change(a1, { statusId: reopened });
    await change(a2, { departmentId: deptA.id });
    expect([...(await queue(agentA, `${filter(gold)}&status=open`))].sort()).toEqual([a0.id, a1.id, a2.id].sort());
  });
});
