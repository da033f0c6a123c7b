import { draftSchema } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { api, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

describe('drafts', () => {
  const t = useTestApp();
  const nullable = draftSchema.nullable();

  async function setup() {
    const f = factories(t.database);
    const dept = await f.department();
    const customer = await f.user();
    const anna = await f.user({ role: 'AGENT', departments: [dept] });
    const bob = await f.user({ role: 'AGENT', departments: [dept] });
    const ticket = await f.ticket({ customer, department: dept });
    return { f, dept, customer, anna, bob, ticket };
  }

  it('keeps a reply and a note per user and ticket until they are removed', async () => {
    const { anna, bob, ticket } = await setup();
    const url = `/api/tickets/${ticket.id}/drafts`;
    expect(expectOk(await api(t, anna).get(`${url}/reply`), nullable)).toBeNull();

    const saved = expectOk(await api(t, anna).put(`${url}/reply`, { body: 'Dear <b>customer</b>' }), draftSchema);
    expect(saved).toMatchObject({ body: 'Dear <b>customer</b>', subject: null });
    expectOk(await api(t, anna).put(`${url}/reply`, { body: 'Dear customer, second try' }), draftSchema);
    expectOk(await api(t, anna).put(`${url}/note`, { body: 'a note' }), draftSchema);

    // Restored on another device (another request), and only for their author.
    expect(expectOk(await api(t, anna).get(`${url}/reply`), nullable)?.body).toBe('Dear customer, second try');
    expect(expectOk(await api(t, anna).get(`${url}/note`), nullable)?.body).toBe('a note');
    expect(expectOk(await api(t, bob).get(`${url}/reply`), nullable)).toBeNull();
    expect(expectOk(await api(t, anna).get(`/api/tickets/${ticket.number}/drafts/reply`), nullable)?.body).toBe(
      'Dear customer, second try',
    );

    expect((await api(t, anna).delete(`${url}/reply`)).statusCode).toBe(200);
    expect(expectOk(await api(t, anna).get(`${url}/reply`), nullable)).toBeNull();
    expect(expectOk(await api(t, anna).get(`${url}/note`), nullable)?.body).toBe('a note');
  });

  it('lets customers keep reply drafts on their own tickets only, never notes', async () => {
    const { f, customer, ticket } = await setup();
    const url = `/api/tickets/${ticket.id}/drafts`;
    expectOk(await api(t, customer).put(`${url}/reply`, { body: 'thanks' }), draftSchema);
    expect(expectOk(await api(t, customer).get(`${url}/reply`), nullable)?.body).toBe('thanks');
    expectError(await api(t, customer).put(`${url}/note`, { body: 'x' }), 403, 'FORBIDDEN');
    expectError(await api(t, customer).get(`${url}/note`), 403, 'FORBIDDEN');

    const stranger = await f.user();
    expectError(await api(t, stranger).get(`${url}/reply`), 404, 'NOT_FOUND');
    expectError(await api(t, stranger).put(`${url}/reply`, { body: 'x' }), 404, 'NOT_FOUND');
    expectError(await api(t, stranger).delete(`${url}/reply`), 404, 'NOT_FOUND');
  });

  it("refuses another department's agent with 404", async () => {
    const { f, ticket } = await setup();
    const other = await f.user({ role: 'AGENT', departments: [await f.department()] });
    expectError(await api(t, other).put(`/api/tickets/${ticket.id}/drafts/reply`, { body: 'x' }), 404, 'NOT_FOUND');
  });

  it('refuses bad input with 400: unknown kind, too long, unknown fields', async () => {
    const { anna, ticket } = await setup();
    const url = `/api/tickets/${ticket.id}/drafts`;
    expectError(await api(t, anna).put(`${url}/memo`, { body: 'x' }), 400, 'VALIDATION_ERROR');
    expectError(await api(t, anna).put(`${url}/reply`, { body: 'x'.repeat(50_001) }), 400, 'VALIDATION_ERROR');
    expectError(await api(t, anna).put(`${url}/reply`, { body: 'x', extra: 1 }), 400, 'VALIDATION_ERROR');
    expectError(await api(t, anna).put(`${url}/reply`, {}), 400, 'VALIDATION_ERROR');
    expectError(
      await api(t, anna).put('/api/drafts/new-ticket', { body: 'x', subject: 's'.repeat(201) }),
      400,
      'VALIDATION_ERROR',
    );
    expectOk(await api(t, anna).put(`${url}/reply`, { body: 'x'.repeat(50_000) }), draftSchema);
  });

  it("keeps a new ticket's draft per user, with its subject", async () => {
    const { f, customer, anna } = await setup();
    expect(expectOk(await api(t, customer).get('/api/drafts/new-ticket'), nullable)).toBeNull();
    const saved = expectOk(
      await api(t, customer).put('/api/drafts/new-ticket', { subject: 'Printer', body: 'It jams' }),
      draftSchema,
    );
    expect(saved).toMatchObject({ subject: 'Printer', body: 'It jams' });
    expectOk(
      await api(t, customer).put('/api/drafts/new-ticket', { subject: 'Printer!', body: 'It jams' }),
      draftSchema,
    );
    expect(expectOk(await api(t, customer).get('/api/drafts/new-ticket'), nullable)?.subject).toBe('Printer!');
    expect(expectOk(await api(t, anna).get('/api/drafts/new-ticket'), nullable)).toBeNull();
    expect((await api(t, customer).delete('/api/drafts/new-ticket')).statusCode).toBe(200);
    expect(expectOk(await api(t, customer).get('/api/drafts/new-ticket'), nullable)).toBeNull();
    expect((await api(t, null).get('/api/drafts/new-ticket')).statusCode).toBe(401);
    void f;
  });

  it('goes with its ticket when the ticket is deleted', async () => {
    const { f, anna, ticket } = await setup();
    expectOk(await api(t, anna).put(`/api/tickets/${ticket.id}/drafts/reply`, { body: 'x' }), draftSchema);
    const admin = await f.user({ role: 'ADMIN' });
    expect((await api(t, admin).delete(`/api/tickets/${ticket.id}`)).statusCode).toBe(200);
    expectError(await api(t, anna).get(`/api/tickets/${ticket.id}/drafts/reply`), 404, 'NOT_FOUND');
  });
});
