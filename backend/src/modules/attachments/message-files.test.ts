import { existsSync } from 'node:fs';
import path from 'node:path';
import { ticketMessageSchema } from '@helpdesk/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { multipart, tinyPng } from '../../../test/multipart.js';
import { testDriver } from '../../../test/test-database.js';

describe(`files sent with replies (${testDriver})`, () => {
  const t = useTestApp({ MAX_FILES_PER_MESSAGE: '2' });
  let customer: TestUser;
  let agent: TestUser;
  let admin: TestUser;
  let ticketId: string;

  beforeAll(async () => {
    const f = factories(t.database);
    const dept = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    admin = await f.user({ role: 'ADMIN' });
    const res = await api(t, customer).post('/api/tickets', {
      subject: 'Broken screen',
      description: 'See photo',
      departmentId: dept.id,
    });
    ticketId = res.json().data.ticket.id;
  });

  const reply = (user: TestUser, parts: Parameters<typeof multipart>[0]) => {
    const body = multipart(parts);
    return api(t).post(`/api/tickets/${ticketId}/messages`, body.payload, {
      headers: { ...user.headers, ...body.headers },
    });
  };
  const keysOnDisk = async () =>
    (await t.database.query<{ storage_key: string }>('SELECT storage_key FROM attachments')).map((r) =>
      existsSync(path.join(t.config.uploadDir, r.storage_key)),
    );

  it('a multipart reply stores the message and its files in one go', async () => {
    const res = await reply(customer, [
      { name: 'body', value: 'Here is a photo' },
      { name: 'files', filename: 'screen.png', content: tinyPng },
    ]);
    const message = expectOk(res, ticketMessageSchema, 201);
    expect(message).toMatchObject({ body: 'Here is a photo', isInternal: false });
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]).toMatchObject({
      fileName: 'screen.png',
      mimeType: 'image/png',
      messageId: message.id,
    });
    const detail = await api(t, agent).get(`/api/tickets/${ticketId}`);
    const shown = detail.json().data.messages.find((m: { id: string }) => m.id === message.id);
    expect(shown.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['screen.png']);
  });

  it("an internal note's files stay with agents", async () => {
    const res = await reply(agent, [
      { name: 'body', value: 'Warranty check attached' },
      { name: 'isInternal', value: 'true' },
      { name: 'files', filename: 'warranty.txt', content: 'serial 123, expired' },
    ]);
    expect(res.statusCode).toBe(201);
    const file = res.json().data.attachments[0];
    const asCustomer = await api(t, customer).get(file.url);
    expect(asCustomer.statusCode).toBe(404);
    const detail = await api(t, customer).get(`/api/tickets/${ticketId}`);
    expect(JSON.stringify(detail.json())).not.toContain('warranty');
    const history = await api(t, customer).get(`/api/tickets/${ticketId}/history`);
    expect(JSON.stringify(history.json())).not.toContain('warranty');
  });

  it('a refused reply keeps none of its files', async () => {
    const before = await keysOnDisk();
    const note = await reply(customer, [
      { name: 'body', value: 'sneaky' },
      { name: 'isInternal', value: 'true' },
      { name: 'files', filename: 'a.txt', content: 'a' },
    ]);
    expect(note.statusCode).toBe(403);
    const empty = await reply(customer, [{ name: 'files', filename: 'b.txt', content: 'b' }]);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].path).toBe('body.body');
    const many = await reply(customer, [
      { name: 'body', value: 'three' },
      { name: 'f1', filename: '1.txt', content: '1' },
      { name: 'f2', filename: '2.txt', content: '2' },
      { name: 'f3', filename: '3.txt', content: '3' },
    ]);
    expect(many.statusCode).toBe(413);
    expect(await keysOnDisk()).toEqual(before);
    const { default: fs } = await import('node:fs');
    const leftovers = fs.existsSync(path.join(t.config.uploadDir, '.tmp'))
      ? fs.readdirSync(path.join(t.config.uploadDir, '.tmp'))
      : [];
    expect(leftovers).toEqual([]);
  });

  it('deleting the ticket removes its files', async () => {
    const [row] = await t.database.query<{ storage_key: string }>(
      'SELECT storage_key FROM attachments WHERE ticket_id = $1 LIMIT 1',
      [ticketId],
    );
    const file = path.join(t.config.uploadDir, row?.storage_key ?? 'none');
    expect(existsSync(file)).toBe(true);
    const res = await api(t, admin).delete(`/api/tickets/${ticketId}`);
    expect(res.statusCode).toBe(200);
    expect(existsSync(file)).toBe(false);
  });
});
