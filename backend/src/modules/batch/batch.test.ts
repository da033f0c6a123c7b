import { BATCH_MAX_READS, batchResponseSchema, ticketDetailSchema } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { api, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

describe('GET /api/batch', () => {
  const t = useTestApp();

  async function setup() {
    const f = factories(t.database);
    const dept = await f.department();
    const customer = await f.user();
    const other = await f.user();
    const agent = await f.user({ role: 'AGENT', departments: [dept] });
    const ticket = await f.ticket({ customer, department: dept });
    await f.message({ ticket, author: customer, body: 'my printer is on fire' });
    await f.message({ ticket, author: agent, body: 'staff only: call the fire brigade', isInternal: true });
    const othersTicket = await f.ticket({ customer: other, department: dept });
    return { dept, customer, other, agent, ticket, othersTicket };
  }

  const batch = (paths: string[]) => `/api/batch?${paths.map((p) => `path=${encodeURIComponent(p)}`).join('&')}`;

  it('answers each read as the route alone would, in the order asked', async () => {
    const { agent, ticket } = await setup();
    const paths = [`/api/tickets/${ticket.id}`, '/api/statuses', '/api/tickets/00000000-0000-4000-8000-000000000000'];
    const answers = expectOk(await api(t, agent).get(batch(paths)), batchResponseSchema.shape.data);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 404]);
    for (const [i, path] of paths.entries()) {
      const alone = await api(t, agent).get(path);
      expect(answers[i]).toEqual({ status: alone.statusCode, body: alone.json() });
    }
  });

  it("keeps each read's scope: a customer gets 404 for another's ticket and never an internal note", async () => {
    const { customer, ticket, othersTicket } = await setup();
    const res = await api(t, customer).get(batch([`/api/tickets/${ticket.id}`, `/api/tickets/${othersTicket.id}`]));
    const [own, others] = expectOk(res, batchResponseSchema.shape.data);
    expect(own?.status).toBe(200);
    expect(JSON.stringify(own?.body)).toContain('my printer is on fire');
    expect(JSON.stringify(own?.body)).not.toContain('fire brigade');
    expect(others).toMatchObject({ status: 404, body: { success: false, error: { code: 'NOT_FOUND' } } });
  });

  it('signed out: the batch answers, and each read gives its own 401 or public answer', async () => {
    const { ticket } = await setup();
    const res = await api(t).get(batch(['/api/settings/public', `/api/tickets/${ticket.id}`, '/api/auth/me']));
    const answers = expectOk(res, batchResponseSchema.shape.data);
    expect(answers.map((a) => a.status)).toEqual([200, 401, 401]);
    expect(answers[1]?.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it("follows a redirect as the browser's fetch would: a merged ticket's old number answers with the target", async () => {
    const { dept, agent, customer, ticket } = await setup();
    const source = await factories(t.database).ticket({ customer, department: dept });
    expectOk(await api(t, agent).post(`/api/tickets/${source.id}/merge`, { into: ticket.id }), ticketDetailSchema);
    const alone = await api(t, agent).get(`/api/tickets/${source.number}`);
    expect(alone.statusCode).toBe(308);

    const res = await api(t, agent).get(batch([`/api/tickets/${source.number}`, '/api/statuses']));
    const [merged, statuses] = expectOk(res, batchResponseSchema.shape.data);
    expect(merged).toMatchObject({ status: 200, body: { success: true, data: { ticket: { id: ticket.id } } } });
    expect(statuses?.status).toBe(200);
  });

  it("follows no redirect the caller may not see: another customer's merged ticket is a 404 in a batch", async () => {
    const { dept, agent, customer, other, othersTicket } = await setup();
    const source = await factories(t.database).ticket({ customer: other, department: dept });
    expectOk(
      await api(t, agent).post(`/api/tickets/${source.id}/merge`, { into: othersTicket.id }),
      ticketDetailSchema,
    );

    const res = await api(t, customer).get(batch([`/api/tickets/${source.number}`]));
    const [read] = expectOk(res, batchResponseSchema.shape.data);
    expect(read).toMatchObject({ status: 404, body: { success: false, error: { code: 'NOT_FOUND' } } });
    expect(JSON.stringify(read)).not.toContain(othersTicket.id);
  });

  it('only reads: a path of a POST-only route is a 404 in its place and changes nothing', async () => {
    const { agent } = await setup();
    const [logout] = expectOk(await api(t, agent).get(batch(['/api/auth/logout'])), batchResponseSchema.shape.data);
    expect(logout?.status).toBe(404);
    // Still signed in.
    expect((await api(t, agent).get('/api/auth/me')).statusCode).toBe(200);
  });

  it('refuses what is not a batch of API reads with 400, and says which answers cannot be batched', async () => {
    const { agent } = await setup();
    const bad = [
      '/api/batch',
      batch(['/health']),
      batch(['https://example.com/api/tickets']),
      batch(['/api/batch?path=/api/statuses']),
      batch(Array.from({ length: BATCH_MAX_READS + 1 }, () => '/api/statuses')),
    ];
    for (const url of bad) expectError(await api(t, agent).get(url), 400, 'VALIDATION_ERROR');

    const [page] = expectOk(
      await api(t, agent).get(batch(['/api/docs/static/index.html'])),
      batchResponseSchema.shape.data,
    );
    expect(page).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
  });
});
