import {
  ticketDetailSchema,
  ticketFollowersSchema,
  ticketHistoryEntrySchema,
  ticketMessageSchema,
} from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, type Caller, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

describe('merge and split (issue 17)', () => {
  const t = useTestApp();

  async function setup() {
    const f = factories(t.database);
    const dept = await f.department();
    const customer = await f.user();
    const agent = await f.user({ role: 'AGENT', departments: [dept] });
    const source = await f.ticket({ customer, department: dept, subject: 'Printer jam (again)' });
    const target = await f.ticket({ customer, department: dept, subject: 'Printer jam' });
    return { f, dept, customer, agent, source, target };
  }
  const read = async (who: Caller, id: string | number) =>
    expectOk(await api(t, who).get(`/api/tickets/${id}`), ticketDetailSchema);
  const history = async (who: Caller, id: string) =>
    expectOk(await api(t, who).get(`/api/tickets/${id}/history`), z.array(ticketHistoryEntrySchema));

  it('moves messages and files keeping their times, closes the source, redirects its old number', async () => {
    const { f, customer, agent, source, target } = await setup();
    const first = await f.message({ ticket: source, author: customer, body: 'first' });
    await f.message({ ticket: source, author: agent, body: 'internal', isInternal: true });
    const before = await read(agent, source.id);
    const times = Object.fromEntries(before.messages.map((m) => [m.id, m.createdAt]));
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${source.id}/messages`,
      headers: { ...customer.headers, 'content-type': 'multipart/form-data; boundary=b' },
      payload: [
        '--b',
        'Content-Disposition: form-data; name="body"',
        '',
        'the log',
        '--b',
        'Content-Disposition: form-data; name="files"; filename="log.txt"',
        'Content-Type: text/plain',
        '',
        'log line',
        '--b--',
        '',
      ].join('\r\n'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    expectOk(await api(t, agent).put(`/api/tickets/${source.id}/followers/me`), ticketFollowersSchema);

    const merged = expectOk(
      await api(t, agent).post(`/api/tickets/${source.id}/merge`, { into: `#${target.number}` }),
      ticketDetailSchema,
    );
    expect(merged.ticket.id).toBe(target.id);
    const bodies = merged.messages.map((m) => m.body);
    expect(bodies).toEqual(expect.arrayContaining(['first', 'internal', 'the log']));
    expect(merged.messages.find((m) => m.id === first.id)?.createdAt).toBe(times[first.id]);
    expect(merged.messages.find((m) => m.isInternal && m.body.includes(`#${source.number}`))).toBeDefined();
    const files = expectOk(await api(t, agent).get(`/api/tickets/${target.id}/attachments`), z.array(z.unknown()));
    expect(files).toHaveLength(1);
    // Followers of the source follow the target.
    expect(
      expectOk(await api(t, agent).get(`/api/tickets/${target.id}/followers`), ticketFollowersSchema).following,
    ).toBe(true);

    // The old id and number answer 308 with the target.
    for (const ref of [source.id, String(source.number)]) {
      const res = await api(t, customer).get(`/api/tickets/${ref}`);
      expect(res.statusCode).toBe(308);
      expect(res.headers.location).toBe(`/api/tickets/${target.id}`);
      expect(res.json().data).toEqual({ mergedIntoId: target.id, mergedIntoNumber: target.number });
    }
    // The source is closed, with a public note the customer reads (through the closed ticket's history too).
    const [row] = await t.database.query<{ merged_into_id: string; closed_at: string | null }>(
      `SELECT merged_into_id, closed_at FROM tickets WHERE id = '${source.id}'`,
    );
    expect(row).toMatchObject({ merged_into_id: target.id });
    expect(row?.closed_at).not.toBeNull();
    const notes = await t.database.query<{ body: string; is_internal: boolean }>(
      `SELECT body, is_internal FROM ticket_messages WHERE ticket_id = '${source.id}'`,
    );
    expect(notes).toEqual([{ body: expect.stringContaining(`#${target.number}`), is_internal: false }]);
    expect((await history(agent, source.id)).map((h) => h.action)).toEqual(
      expect.arrayContaining(['merged', 'status_changed']),
    );
    expect((await history(agent, target.id)).map((h) => h.action)).toContain('merged_from');

    // A reply to the old ticket lands on the target; merging it again is refused.
    const late = expectOk(
      await api(t, customer).post(`/api/tickets/${source.number}/messages`, { body: 'late reply' }),
      ticketMessageSchema,
      201,
    );
    expect((await read(agent, target.id)).messages.map((m) => m.id)).toContain(late.id);
    expectError(
      await api(t, agent).post(`/api/tickets/${source.id}/merge`, { into: target.id }),
      422,
      'RULE_VIOLATION',
    );
  });

  it('concurrent replies during a merge end on the target exactly once', async () => {
    // Several rounds: the replies and the merge meet in a different order each time.
    for (let round = 0; round < 4; round++) {
      const { customer, agent, source, target } = await setup();
      const replies = Array.from({ length: 6 }, (_, i) => `parallel ${round} ${i}`);
      const results = await Promise.all([
        ...replies.map((body, i) =>
          api(t, i % 2 ? agent : customer).post(`/api/tickets/${i % 3 ? source.id : target.id}/messages`, { body }),
        ),
        api(t, agent).post(`/api/tickets/${source.id}/merge`, { into: target.id }),
      ]);
      for (const res of results) expect(res.statusCode, res.body).toBeLessThan(300);
      const rows = await t.database.query<{ body: string; ticket_id: string }>(
        `SELECT body, ticket_id FROM ticket_messages WHERE body LIKE 'parallel ${round} %' ORDER BY body`,
      );
      expect(rows.map((r) => r.body)).toEqual(replies);
      expect(new Set(rows.map((r) => r.ticket_id))).toEqual(new Set([target.id]));
    }
  });

  it('refuses: itself, another customer without tickets.merge_any, customers, outsiders; admins may', async () => {
    const { f, dept, customer, agent, source, target } = await setup();
    const other = await f.ticket({ customer: await f.user(), department: dept });
    const url = `/api/tickets/${source.id}/merge`;
    expectError(await api(t, agent).post(url, { into: source.id }), 422, 'RULE_VIOLATION');
    expectError(await api(t, agent).post(url, { into: other.id }), 403, 'FORBIDDEN');
    expectError(await api(t, customer).post(url, { into: target.id }), 403, 'FORBIDDEN');
    const outsider = await f.user({ role: 'AGENT', departments: [await f.department()] });
    expectError(await api(t, outsider).post(url, { into: target.id }), 404, 'NOT_FOUND');
    expectError(await api(t, agent).post(url, { into: 'nope' }), 400, 'VALIDATION_ERROR');
    expectError(await api(t, agent).post(url, { into: '999999999' }), 404, 'NOT_FOUND');
    expect((await read(agent, source.id)).ticket.id).toBe(source.id);

    const admin = await f.user({ role: 'ADMIN' });
    expectOk(await api(t, admin).post(url, { into: other.id }), ticketDetailSchema);
    // The source's customer cannot see the target: their old ticket stays readable, closed, with the note.
    const mine = await read(customer, source.id);
    expect(mine.ticket.status.isClosed).toBe(true);
    expect(mine.messages.map((m) => m.body).join()).toContain(`#${other.number}`);
    expectError(
      await api(t, customer).post(`/api/tickets/${source.id}/messages`, { body: 'hello?' }),
      422,
      'RULE_VIOLATION',
    );
  });

  it('splits a public message into a new ticket linked both ways; never a note', async () => {
    const { f, customer, agent, source } = await setup();
    const msg = await f.message({ ticket: source, author: customer, body: 'Also, my mouse is broken' });
    const note = await f.message({ ticket: source, author: agent, body: 'secret', isInternal: true });
    const url = (id: string) => `/api/tickets/${source.id}/messages/${id}/split`;
    expectError(await api(t, agent).post(url(note.id), {}), 422, 'RULE_VIOLATION');
    expectError(await api(t, customer).post(url(msg.id), {}), 403, 'FORBIDDEN');
    expectError(await api(t, agent).post(url('00000000-0000-4000-8000-000000000000'), {}), 404, 'NOT_FOUND');
    const made = expectOk(await api(t, agent).post(url(msg.id), { subject: 'Broken mouse' }), ticketDetailSchema, 201);
    expect(made.ticket).toMatchObject({ subject: 'Broken mouse', description: 'Also, my mouse is broken' });
    expect(made.ticket.customer.id).toBe(customer.id);
    expect(made.messages.map((m) => m.body)).toEqual([`Split from #${source.number}.`]);
    const old = await read(customer, source.id);
    expect(old.messages.map((m) => m.body)).toEqual(
      expect.arrayContaining(['Also, my mouse is broken', expect.stringContaining(`#${made.ticket.number}`)]),
    );
    expect((await history(agent, source.id)).map((h) => h.action)).toContain('split_to');
    expect((await history(agent, made.ticket.id)).map((h) => h.action)).toContain('split_from');
  });
});
