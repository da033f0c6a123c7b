import { createHash } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, expectError } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { fakeExe, multipart, tinyPng } from '../../../test/multipart.js';
import { testDriver } from '../../../test/test-database.js';
import { insertMessageRow, insertTicketRow } from '../../../test/ticket-rows.js';

/** Every stored file below UPLOAD_DIR (the temporary folder included). */
function storedFiles(uploadDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(uploadDir, full));
    }
  };
  walk(uploadDir);
  return out;
}

describe(`attachments (${testDriver})`, () => {
  const t = useTestApp({ MAX_UPLOAD_MB: '0.05', MAX_FILES_PER_MESSAGE: '2', MAX_TICKET_UPLOAD_MB: '0.2' });
  let customer: TestUser;
  let otherCustomer: TestUser;
  let agent: TestUser;
  let otherAgent: TestUser;
  let ticket: { id: string; number: number };

  beforeAll(async () => {
    const f = factories(t.database);
    const dept = await f.department();
    const otherDept = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    otherCustomer = await f.user({ role: 'CUSTOMER' });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    otherAgent = await f.user({ role: 'AGENT', departments: [otherDept] });
    ticket = await insertTicketRow(t.database, { customerId: customer.id, departmentId: dept.id });
  });

  const rowCount = async (table: string) =>
    Number((await t.database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

  const upload = (user: TestUser | undefined, parts: Parameters<typeof multipart>[0], ticketId = ticket.id) => {
    const body = multipart(parts);
    return api(t).post(`/api/tickets/${ticketId}/attachments`, body.payload, {
      headers: { ...(user?.headers ?? {}), ...body.headers },
    });
  };

  it('stores an upload under a generated key with its sniffed type, size and SHA-256', async () => {
    const res = await upload(customer, [
      { name: 'file', filename: 'screenshot.png', content: tinyPng, type: 'text/html' },
    ]);
    expect(res.statusCode).toBe(201);
    const [file] = res.json().data;
    expect(file).toMatchObject({
      fileName: 'screenshot.png',
      mimeType: 'image/png',
      sizeBytes: tinyPng.length,
      sha256: createHash('sha256').update(tinyPng).digest('hex'),
      messageId: null,
    });
    const [row] = await t.database.query<{ storage_key: string }>('SELECT storage_key FROM attachments WHERE id = $1', [
      file.id,
    ]);
    expect(row?.storage_key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    expect(storedFiles(t.config.uploadDir)).toContain(row?.storage_key);
    const history = await t.database.query<{ action: string; new_value: string }>(
      'SELECT action, new_value FROM ticket_history WHERE ticket_id = $1',
      [ticket.id],
    );
    expect(history).toContainEqual({ action: 'attachment_added', new_value: 'screenshot.png' });
  });

  it('serves downloads as attachments with safe headers; raster images inline only on request', async () => {
    const up = await upload(agent, [{ name: 'file', filename: 'отчёт 2026.png', content: tinyPng }]);
    const id = up.json().data[0].id;
    const res = await api(t, customer).get(`/api/attachments/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="????? 2026.png"; filename*=UTF-8''${encodeURIComponent('отчёт')}%202026.png`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.rawPayload.equals(tinyPng)).toBe(true);
    const inline = await api(t, customer).get(`/api/attachments/${id}?inline=1`);
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
  });

  it('answers Range requests', async () => {
    const up = await upload(customer, [{ name: 'file', filename: 'notes.txt', content: 'abcdefghijklmnopqrstuvwxyz' }]);
    const id = up.json().data[0].id;
    const part = await api(t).get(`/api/attachments/${id}`, { headers: { ...customer.headers, range: 'bytes=2-5' } });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('cdef');
    expect(part.headers['content-range']).toBe('bytes 2-5/26');
    const beyond = await api(t).get(`/api/attachments/${id}`, {
      headers: { ...customer.headers, range: 'bytes=100-200' },
    });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe('bytes */26');
    expect(beyond.json()).toMatchObject({ success: false, error: { code: 'RANGE_NOT_SATISFIABLE' } });
    const whole = await t.app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: customer.headers });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-length']).toBe('26');
    expect(whole.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('answers 404 in the error shape when the stored file is gone', async () => {
    const up = await upload(customer, [{ name: 'file', filename: 'gone.txt', content: 'soon gone' }]);
    const id = up.json().data[0].id;
    const [row] = await t.database.query<{ storage_key: string }>('SELECT storage_key FROM attachments WHERE id = $1', [
      id,
    ]);
    rmSync(path.join(t.config.uploadDir, row?.storage_key ?? 'missing'));
    const res = await t.app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: customer.headers });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
  });

  it.each([
    ['an executable with a lying extension', 'invoice.png', fakeExe],
    ['HTML', 'readme.txt', '<!DOCTYPE html><html><script>alert(1)</script></html>'],
    ['SVG', 'logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'],
    ['HTML hidden behind a text start', 'data.csv', 'name,value\n<script>alert(1)</script>'],
    ['binary without a known signature', 'blob.bin', Buffer.from([0, 1, 2, 3, 0, 255])],
  ])('refuses %s with 415 and keeps no file', async (_what, filename, content) => {
    const before = storedFiles(t.config.uploadDir).length;
    const res = await upload(customer, [{ name: 'file', filename, content, type: 'image/png' }]);
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(storedFiles(t.config.uploadDir).length).toBe(before);
  });

  it('serves a polyglot by its true type, as a download', async () => {
    const polyglot = Buffer.concat([Buffer.from('GIF89a'), Buffer.from('<html><script>alert(1)</script></html>')]);
    const res = await upload(customer, [{ name: 'file', filename: 'x.html', content: polyglot }]);
    expect(res.statusCode).toBe(201);
    const file = res.json().data[0];
    expect(file.mimeType).toBe('image/gif');
    const dl = await api(t, customer).get(file.url);
    expect(dl.headers['content-type']).toBe('image/gif');
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('keeps only a clean file name: no path parts, control characters or direction marks', async () => {
    const res = await upload(customer, [
      { name: 'a', filename: '../../../etc/passwd.txt', content: 'x' },
      { name: 'b', filename: 'C:\\Users\\me\\evil\u202Etxt.exe\u0007.txt', content: 'y' },
    ]);
    expect(res.statusCode).toBe(201);
    expect(res.json().data.map((f: { fileName: string }) => f.fileName)).toEqual(['passwd.txt', 'eviltxt.exe.txt']);
    expect(storedFiles(t.config.uploadDir).some((f) => f.includes('passwd') || f.includes('evil'))).toBe(false);
  });

  it('refuses a file over MAX_UPLOAD_MB (413) and keeps nothing', async () => {
    const before = storedFiles(t.config.uploadDir).length;
    const res = await upload(customer, [{ name: 'file', filename: 'big.txt', content: 'x'.repeat(60 * 1024) }]);
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(storedFiles(t.config.uploadDir).length).toBe(before);
  });

  it('refuses more files than MAX_FILES_PER_MESSAGE (413) and keeps nothing', async () => {
    const before = storedFiles(t.config.uploadDir).length;
    const res = await upload(customer, [
      { name: 'a', filename: 'a.txt', content: 'a' },
      { name: 'b', filename: 'b.txt', content: 'b' },
      { name: 'c', filename: 'c.txt', content: 'c' },
    ]);
    expect(res.statusCode).toBe(413);
    expect(storedFiles(t.config.uploadDir).length).toBe(before);
  });

  it('refuses uploads that take a ticket over MAX_TICKET_UPLOAD_MB (413)', async () => {
    const f = factories(t.database);
    const dept = await f.department();
    const fresh = await insertTicketRow(t.database, { customerId: customer.id, departmentId: dept.id });
    const chunk = 'z'.repeat(45 * 1024);
    for (let i = 0; i < 4; i++) {
      const ok = await upload(customer, [{ name: 'f', filename: `${i}.txt`, content: chunk }], fresh.id);
      expect(ok.statusCode).toBe(201);
    }
    const over = await upload(customer, [{ name: 'f', filename: 'last.txt', content: chunk }], fresh.id);
    expect(over.statusCode).toBe(413);
  });

  it("hides another customer's files and other departments' files like missing ones", async () => {
    const up = await upload(customer, [{ name: 'file', filename: 'private.txt', content: 'mine' }]);
    const id = up.json().data[0].id;
    const missing = await api(t, otherCustomer).get('/api/attachments/00000000-0000-4000-8000-000000000000');
    for (const user of [otherCustomer, otherAgent]) {
      const res = await api(t, user).get(`/api/attachments/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(missing.json());
      const list = await api(t, user).get(`/api/tickets/${ticket.id}/attachments`);
      expect(list.statusCode).toBe(404);
      const put = await upload(user, [{ name: 'f', filename: 'x.txt', content: 'x' }]);
      expect(put.statusCode).toBe(404);
    }
    const anonymous = await api(t).get(`/api/attachments/${id}`);
    expect(anonymous.statusCode).toBe(401);
  });

  it("never gives a customer an internal note's file", async () => {
    const up = await upload(agent, [{ name: 'file', filename: 'internal.txt', content: 'agents only' }]);
    const id = up.json().data[0].id;
    const noteId = await insertMessageRow(t.database, { ticketId: ticket.id, authorId: agent.id, isInternal: true });
    await t.database.query('UPDATE attachments SET message_id = $1 WHERE id = $2', [noteId, id]);
    const asCustomer = await api(t, customer).get(`/api/attachments/${id}`);
    expect(asCustomer.statusCode).toBe(404);
    const asAgent = await api(t, agent).get(`/api/attachments/${id}`);
    expect(asAgent.statusCode).toBe(200);
    const list = await api(t, customer).get(`/api/tickets/${ticket.id}/attachments`);
    expect(list.json().data.map((a: { id: string }) => a.id)).not.toContain(id);
    const agentList = await api(t, agent).get(`/api/tickets/${ticket.id}/attachments`);
    expect(agentList.json().data.map((a: { id: string }) => a.id)).toContain(id);
  });

  it('leaves no file behind when the database insert fails', async () => {
    await t.database.query(`CREATE FUNCTION refuse_attachment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk quota of the database exceeded'; END $$`);
    await t.database.query(
      'CREATE TRIGGER refuse_attachment BEFORE INSERT ON attachments FOR EACH ROW EXECUTE FUNCTION refuse_attachment()',
    );
    try {
      const before = storedFiles(t.config.uploadDir).length;
      const res = await upload(customer, [{ name: 'file', filename: 'doomed.png', content: tinyPng }]);
      expect(res.statusCode).toBe(500);
      expect(storedFiles(t.config.uploadDir).length).toBe(before);
    } finally {
      await t.database.query('DROP TRIGGER refuse_attachment ON attachments');
      await t.database.query('DROP FUNCTION refuse_attachment()');
    }
  });

  it('refuses a JSON body (415) and an empty form (400)', async () => {
    const json = await api(t, customer).post(`/api/tickets/${ticket.id}/attachments`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    const empty = await upload(customer, [{ name: 'note', value: 'no files' }]);
    expect(empty.statusCode).toBe(400);
  });

  it.each([
    ['without a boundary', 'multipart/form-data', () => Buffer.from('x')],
    [
      'with a boundary the body does not use',
      'multipart/form-data; boundary=abc',
      () => Buffer.from('--xyz\r\n\r\nx\r\n--xyz--'),
    ],
    ['with a boundary over 70 characters', `multipart/form-data; boundary=${'b'.repeat(300)}`, () => Buffer.from('x')],
    ['cut short', undefined, (payload: Buffer) => payload.subarray(0, payload.length - 20)],
  ])('answers a malformed multipart body (%s) with 400 and keeps nothing', async (_what, contentType, body) => {
    const form = multipart([
      { name: 'body', value: 'Here are the files' },
      { name: 'file', filename: 'notes.txt', content: 'plain words' },
    ]);
    const before = [
      storedFiles(t.config.uploadDir).length,
      await rowCount('attachments'),
      await rowCount('ticket_messages'),
    ];
    for (const url of [`/api/tickets/${ticket.id}/attachments`, `/api/tickets/${ticket.id}/messages`]) {
      const res = await api(t).post(url, body(form.payload), {
        headers: { ...customer.headers, 'content-type': contentType ?? form.headers['content-type'] ?? '' },
      });
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'body' }] });
    }
    expect([
      storedFiles(t.config.uploadDir).length,
      await rowCount('attachments'),
      await rowCount('ticket_messages'),
    ]).toEqual(before);
  });

  it('is never reachable through a static route', async () => {
    const [row] = await t.database.query<{ storage_key: string }>('SELECT storage_key FROM attachments LIMIT 1');
    for (const url of [
      `/uploads/${row?.storage_key}`,
      `/${row?.storage_key}`,
      `/backend/uploads/${row?.storage_key}`,
    ]) {
      const res = await api(t, customer).get(url);
      expect(res.body).not.toBe('mine');
      expect(res.headers['content-type'] ?? '').not.toMatch(/image\/png/);
    }
  });
});
