import {
  customerDetailSchema,
  customerNoteSchema,
  customerSummarySchema,
  organisationDetailSchema,
  organisationSchema,
  ticketDetailSchema,
  ticketListItemSchema,
} from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { multipart, tinyPng } from '../../../test/multipart.js';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

describe('customers and organisations', () => {
  const t = useTestApp();
  const f = () => factories(t.database);

  async function organisation(admin: TestUser, body: Record<string, unknown> = {}) {
    const res = await api(t, admin).post('/api/organisations', { name: `Org ${unique()}`, ...body });
    return expectOk(res, organisationDetailSchema, 201);
  }

  async function join(admin: TestUser, orgId: string, user: { id: string }) {
    expectOk(await api(t, admin).put(`/api/organisations/${orgId}/members/${user.id}`), organisationDetailSchema);
  }

  describe('the customer panel', () => {
    it('shows the customer, their tickets the agent may see (open first) and the note', async () => {
      const dept = await f().department();
      const otherDept = await f().department();
      const agent = await f().user({ role: 'AGENT', departments: [dept] });
      const customer = await f().user();
      const closed = await f().ticket({ customer, department: dept, status: 'Closed' });
      const open = await f().ticket({ customer, department: dept });
      const elsewhere = await f().ticket({ customer, department: otherDept });

      const data = expectOk(await api(t, agent).get(`/api/customers/${customer.id}`), customerDetailSchema);
      expect(data.customer).toMatchObject({ id: customer.id, name: customer.name, email: customer.email });
      expect(data.customer.organisation).toBeNull();
      expect(data.tickets.map((x) => x.id)).toEqual([open.id, closed.id]);
      expect(data.tickets.map((x) => x.id)).not.toContain(elsewhere.id);
      expect(data.note).toEqual({ body: '', updatedAt: null, updatedBy: null });
      expect(data.canEditNote).toBe(true);
      expect(data.organisationTickets).toEqual([]);
    });

    it('agents write the note; customers never read or write it', async () => {
      const agent = await f().user({ role: 'AGENT' });
      const customer = await f().user();
      const url = `/api/customers/${customer.id}/note`;
      const note = expectOk(await api(t, agent).put(url, { body: 'Prefers e-mail. <b>VIP</b>' }), customerNoteSchema);
      expect(note).toMatchObject({ body: 'Prefers e-mail. <b>VIP</b>', updatedBy: { id: agent.id, name: agent.name } });
      const read = expectOk(await api(t, agent).get(`/api/customers/${customer.id}`), customerDetailSchema);
      expect(read.note.body).toBe('Prefers e-mail. <b>VIP</b>');

      expectError(await api(t, customer).get(`/api/customers/${customer.id}`), 403, 'FORBIDDEN');
      expectError(await api(t, customer).put(url, { body: 'mine now' }), 403, 'FORBIDDEN');
      expectError(await api(t, customer).get('/api/customers'), 403, 'FORBIDDEN');
      expectError(await api(t, null).get(`/api/customers/${customer.id}`), 401, 'UNAUTHENTICATED');
      // Nothing changed.
      expect(expectOk(await api(t, agent).get(`/api/customers/${customer.id}`), customerDetailSchema).note.body).toBe(
        'Prefers e-mail. <b>VIP</b>',
      );
    });

    it('refuses bad input, unknown customers and notes about staff', async () => {
      const agent = await f().user({ role: 'AGENT' });
      const admin = await f().user({ role: 'ADMIN' });
      const customer = await f().user();
      const url = `/api/customers/${customer.id}/note`;
      expectError(await api(t, agent).put(url, { body: 'x'.repeat(10_001) }), 400, 'VALIDATION_ERROR');
      expectError(await api(t, agent).put(url, { body: 'x', extra: 1 }), 400, 'VALIDATION_ERROR');
      expectError(await api(t, agent).get('/api/customers/not-a-uuid'), 400, 'VALIDATION_ERROR');
      const missing = '00000000-0000-4000-8000-000000000000';
      expectError(await api(t, agent).get(`/api/customers/${missing}`), 404, 'NOT_FOUND');
      expectError(await api(t, agent).put(`/api/customers/${missing}/note`, { body: 'x' }), 404, 'NOT_FOUND');
      expectError(await api(t, agent).get(`/api/customers/${admin.id}`), 422, 'NOT_A_CUSTOMER');
      expectError(await api(t, agent).put(`/api/customers/${admin.id}/note`, { body: 'x' }), 422, 'NOT_A_CUSTOMER');
    });

    it('a role with users.view but without customers.manage reads the note but cannot write it', async () => {
      const admin = await f().user({ role: 'SUPER_ADMIN' });
      const role = await api(t, admin).post('/api/roles', { name: `Reader ${unique()}`, permissions: ['users.view'] });
      expect(role.statusCode, role.body).toBe(201);
      const reader = await f().user({ role: role.json().data.name });
      const customer = await f().user();
      const data = expectOk(await api(t, reader).get(`/api/customers/${customer.id}`), customerDetailSchema);
      expect(data.canEditNote).toBe(false);
      expectError(await api(t, reader).put(`/api/customers/${customer.id}/note`, { body: 'x' }), 403, 'FORBIDDEN');
    });
  });

  describe('the customers list', () => {
    it('searches name and e-mail, pages by name with a cursor and lists customers only', async () => {
      const agent = await f().user({ role: 'AGENT' });
      const word = `zq${unique()}`;
      const a = await f().user({ name: `Anna ${word}` });
      const b = await f().user({ name: `Bert ${word}` });
      const c = await f().user({ email: `${word}@example.test`, name: 'Carla Example' });
      await f().user({ role: 'AGENT', name: `Agent ${word}` });

      const page = z.array(customerSummarySchema);
      const first = await api(t, agent).get(`/api/customers?q=${word}&limit=2`);
      expect(expectOk(first, page).map((x) => x.id)).toEqual([a.id, b.id]);
      const cursor = first.json().meta.nextCursor as string;
      expect(cursor).toBeTruthy();
      const second = await api(t, agent).get(`/api/customers?q=${word}&limit=2&cursor=${cursor}`);
      expect(expectOk(second, page).map((x) => x.id)).toEqual([c.id]);
      expect(second.json().meta.nextCursor).toBeNull();
      // Staff never appear, and the answer has no staff-only fields.
      expect(first.json().data[0]).not.toHaveProperty('passwordHash');

      expectError(await api(t, agent).get('/api/customers?limit=101'), 400, 'VALIDATION_ERROR');
      expectError(await api(t, agent).get('/api/customers?cursor=broken'), 400, 'VALIDATION_ERROR');
      expectError(await api(t, agent).get('/api/customers?unknown=1'), 400, 'VALIDATION_ERROR');
      // LIKE wildcards are searched for literally.
      expect(expectOk(await api(t, agent).get(`/api/customers?q=${word}%25`), page)).toEqual([]);
    });
  });

  describe('organisations', () => {
    it('admins create, change, list and delete organisations and set members', async () => {
      const admin = await f().user({ role: 'ADMIN' });
      const agent = await f().user({ role: 'AGENT' });
      const customer = await f().user();
      const org = await organisation(admin, { domains: ['Example.COM', 'example.com'] });
      expect(org).toMatchObject({ domains: ['example.com'], membersSeeTickets: false, memberCount: 0, members: [] });

      const changed = expectOk(
        await api(t, admin).patch(`/api/organisations/${org.id}`, { membersSeeTickets: true, name: `${org.name} Ltd` }),
        organisationDetailSchema,
      );
      expect(changed).toMatchObject({ membersSeeTickets: true, name: `${org.name} Ltd` });

      await join(admin, org.id, customer);
      const detail = expectOk(await api(t, agent).get(`/api/organisations/${org.id}`), organisationDetailSchema);
      expect(detail.members.map((m) => m.id)).toEqual([customer.id]);
      expect(detail.memberCount).toBe(1);
      const list = expectOk(await api(t, agent).get('/api/organisations'), z.array(organisationSchema));
      expect(list.map((o) => o.id)).toContain(org.id);
      const panel = expectOk(await api(t, agent).get(`/api/customers/${customer.id}`), customerDetailSchema);
      expect(panel.customer.organisation).toEqual({ id: org.id, name: `${org.name} Ltd` });

      // One organisation per customer: joining another moves them.
      const other = await organisation(admin);
      await join(admin, other.id, customer);
      expect(
        expectOk(await api(t, agent).get(`/api/organisations/${org.id}`), organisationDetailSchema).members,
      ).toEqual([]);
      const removed = await api(t, admin).delete(`/api/organisations/${other.id}/members/${customer.id}`);
      expect(expectOk(removed, organisationDetailSchema).members).toEqual([]);
      expectError(
        await api(t, admin).delete(`/api/organisations/${other.id}/members/${customer.id}`),
        404,
        'NOT_FOUND',
      );

      expectOk(await api(t, admin).delete(`/api/organisations/${org.id}`), z.object({ ok: z.literal(true) }));
      expectError(await api(t, agent).get(`/api/organisations/${org.id}`), 404, 'NOT_FOUND');
    });

    it('refuses bad input, taken names, staff members and callers without organisations.manage', async () => {
      const admin = await f().user({ role: 'ADMIN' });
      const agent = await f().user({ role: 'AGENT' });
      const customer = await f().user();
      const org = await organisation(admin);
      expectError(await api(t, admin).post('/api/organisations', { name: '' }), 400, 'VALIDATION_ERROR');
      expectError(
        await api(t, admin).post('/api/organisations', { name: 'X', domains: ['not a domain'] }),
        400,
        'VALIDATION_ERROR',
      );
      expectError(
        await api(t, admin).post('/api/organisations', { name: org.name.toUpperCase() }),
        409,
        'ORGANISATION_NAME_TAKEN',
      );
      expectError(await api(t, admin).put(`/api/organisations/${org.id}/members/${agent.id}`), 422, 'NOT_A_CUSTOMER');
      const missing = '00000000-0000-4000-8000-000000000000';
      expectError(await api(t, admin).patch(`/api/organisations/${missing}`, { name: 'Y' }), 404, 'NOT_FOUND');
      expectError(await api(t, admin).put(`/api/organisations/${missing}/members/${customer.id}`), 404, 'NOT_FOUND');

      for (const caller of [agent, customer]) {
        expectError(await api(t, caller).post('/api/organisations', { name: `N ${unique()}` }), 403, 'FORBIDDEN');
        expectError(await api(t, caller).patch(`/api/organisations/${org.id}`, { name: 'Z' }), 403, 'FORBIDDEN');
        expectError(await api(t, caller).delete(`/api/organisations/${org.id}`), 403, 'FORBIDDEN');
        expectError(await api(t, caller).put(`/api/organisations/${org.id}/members/${customer.id}`), 403, 'FORBIDDEN');
      }
      expectError(await api(t, customer).get('/api/organisations'), 403, 'FORBIDDEN');
      expectError(await api(t, customer).get(`/api/organisations/${org.id}`), 403, 'FORBIDDEN');
      // Nothing changed.
      const after = expectOk(await api(t, admin).get(`/api/organisations/${org.id}`), organisationDetailSchema);
      expect(after).toMatchObject({ name: org.name, memberCount: 0 });
    });
  });

  describe('joining by e-mail domain', () => {
    it('a new customer whose e-mail domain an organisation lists joins it; staff never do', async () => {
      const admin = await f().user({ role: 'ADMIN' });
      const domain = `${unique()}.example`;
      const org = await organisation(admin, { domains: [domain] });
      const roles = (await api(t, admin).get('/api/roles')).json().data as { id: string; name: string }[];
      const roleId = (name: string) => roles.find((r) => r.name === name)?.id;
      const create = (role: string, email: string) =>
        api(t, admin).post('/api/users', { email, name: `New ${role}`, roleId: roleId(role) });
      const customer = await create('CUSTOMER', `someone@${domain.toUpperCase()}`);
      expect(customer.statusCode, customer.body).toBe(201);
      const agent = await create('AGENT', `agent@${domain}`);
      expect(agent.statusCode, agent.body).toBe(201);
      const other = await create('CUSTOMER', `someone@other-${domain}`);
      expect(other.statusCode, other.body).toBe(201);
      const detail = expectOk(await api(t, admin).get(`/api/organisations/${org.id}`), organisationDetailSchema);
      expect(detail.members.map((m) => m.id)).toEqual([customer.json().data.id]);
    });
  });

  describe("sharing an organisation's tickets", () => {
    async function scene() {
      const admin = await f().user({ role: 'ADMIN' });
      const dept = await f().department();
      const agent = await f().user({ role: 'AGENT', departments: [dept] });
      const [a1, a2, b1] = [await f().user(), await f().user(), await f().user()];
      const orgA = await organisation(admin);
      const orgB = await organisation(admin, { membersSeeTickets: true });
      await join(admin, orgA.id, a1);
      await join(admin, orgA.id, a2);
      await join(admin, orgB.id, b1);
      const own = await f().ticket({ customer: a1, department: dept });
      const colleague = await f().ticket({ customer: a2, department: dept });
      await f().message({ ticket: colleague, author: agent, body: 'Internal: secret', isInternal: true });
      await f().message({ ticket: colleague, author: agent, body: 'Public answer' });
      const foreign = await f().ticket({ customer: b1, department: dept });
      const share = async (on: boolean) =>
        expectOk(
          await api(t, admin).patch(`/api/organisations/${orgA.id}`, { membersSeeTickets: on }),
          organisationDetailSchema,
        );
      const listed = async (user: TestUser) =>
        expectOk(await api(t, user).get('/api/tickets?limit=100'), z.array(ticketListItemSchema))
          .map((x) => x.id)
          .sort();
      return { admin, agent, a1, b1, orgA, own, colleague, foreign, share, listed };
    }

    it('off: a member sees only their own tickets', async () => {
      const { a1, orgA, own, colleague, listed } = await scene();
      expect(await listed(a1)).toEqual([own.id]);
      // The organisation filter narrows the caller's scope, never widens it.
      const filtered = await api(t, a1).get(`/api/tickets?organisationId=${orgA.id}`);
      expect(expectOk(filtered, z.array(ticketListItemSchema)).map((x) => x.id)).toEqual([own.id]);
      expectError(await api(t, a1).get(`/api/tickets/${colleague.id}`), 404, 'NOT_FOUND');
      expectError(await api(t, a1).post(`/api/tickets/${colleague.id}/messages`, { body: 'hi' }), 404, 'NOT_FOUND');
    });

    it("on: members read and reply to the organisation's tickets, never internal notes nor other organisations'", async () => {
      const { a1, b1, own, colleague, foreign, share, listed } = await scene();
      await share(true);
      expect(await listed(a1)).toEqual([own.id, colleague.id].sort());
      const detail = expectOk(await api(t, a1).get(`/api/tickets/${colleague.id}`), ticketDetailSchema);
      expect(detail.messages.map((m) => m.body)).toEqual(['Public answer']);
      expect(JSON.stringify(detail)).not.toContain('secret');
      expect(detail.allowedActions).toContain('reply');
      expect(detail.allowedActions).not.toContain('internal_note');
      expect(detail.allowedActions).not.toContain('close');
      const reply = await api(t, a1).post(`/api/tickets/${colleague.id}/messages`, { body: 'Same here' });
      expect(reply.statusCode, reply.body).toBe(201);
      // Reading and replying only: another member's ticket is not theirs to close or change.
      const ticketNow = expectOk(await api(t, a1).get(`/api/tickets/${colleague.id}`), ticketDetailSchema).ticket;
      expectError(
        await api(t, a1).patch(`/api/tickets/${colleague.id}`, { version: ticketNow.version, subject: 'Mine now' }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await api(t, a1).post(`/api/tickets/${colleague.id}/messages`, { body: 'psst', isInternal: true }),
        403,
        'FORBIDDEN',
      );
      // Organisation B shares too, but never with organisation A, and the other way round.
      expectError(await api(t, a1).get(`/api/tickets/${foreign.id}`), 404, 'NOT_FOUND');
      expect(await listed(b1)).toEqual([foreign.id]);
      expectError(await api(t, b1).get(`/api/tickets/${colleague.id}`), 404, 'NOT_FOUND');

      // Turned off again: at once.
      await share(false);
      expect(await listed(a1)).toEqual([own.id]);
      expectError(await api(t, a1).get(`/api/tickets/${colleague.id}`), 404, 'NOT_FOUND');
    });

    it("on: members download the files of the organisation's public replies, never of internal notes", async () => {
      const { a1, b1, agent, colleague, share } = await scene();
      const send = async (user: TestUser, isInternal: boolean) => {
        const form = multipart([
          { name: 'body', value: isInternal ? 'internal file' : 'public file' },
          { name: 'isInternal', value: String(isInternal) },
          { name: 'files', filename: 'shot.png', content: tinyPng, type: 'image/png' },
        ]);
        const res = await api(t).post(`/api/tickets/${colleague.id}/messages`, form.payload, {
          headers: { ...user.headers, ...form.headers },
        });
        expect(res.statusCode, res.body).toBe(201);
        const [file] = res.json().data.attachments as { id: string }[];
        if (!file) throw new Error('no file stored');
        return file.id;
      };
      const publicFile = await send(agent, false);
      const internalFile = await send(agent, true);
      expectError(await api(t, a1).get(`/api/attachments/${publicFile}`), 404, 'NOT_FOUND');
      await share(true);
      expect((await api(t, a1).get(`/api/attachments/${publicFile}`)).statusCode).toBe(200);
      expectError(await api(t, a1).get(`/api/attachments/${internalFile}`), 404, 'NOT_FOUND');
      expectError(await api(t, b1).get(`/api/attachments/${publicFile}`), 404, 'NOT_FOUND');
    });

    it("agents see the organisation's other tickets beside the customer (within their departments)", async () => {
      const { agent, a1, colleague, foreign } = await scene();
      const data = expectOk(await api(t, agent).get(`/api/customers/${a1.id}`), customerDetailSchema);
      expect(data.organisationTickets.map((x) => x.id)).toEqual([colleague.id]);
      expect(data.organisationTickets.map((x) => x.id)).not.toContain(foreign.id);
      const outsider = await f().user({ role: 'AGENT', departments: [await f().department()] });
      const limited = expectOk(await api(t, outsider).get(`/api/customers/${a1.id}`), customerDetailSchema);
      expect(limited.organisationTickets).toEqual([]);
      expect(limited.tickets).toEqual([]);
    });
  });
});
