import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUploads, fileStoreFor } from '../src/modules/attachments/attachments.service.js';
import { ChecksumMismatchError } from '../src/modules/attachments/attachments.storage.js';
import { api } from './api.js';
import { buildTestApp, type TestApp } from './build-test-app.js';
import { factories, type TestUser } from './factories.js';
import { multipart, tinyPng } from './multipart.js';
import { startS3, type TestS3 } from './s3-server.js';
import { testDriver } from './test-database.js';
import { insertTicketRow } from './ticket-rows.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
/** Big enough for a multipart upload (8 MiB parts): three parts. */
const big = Buffer.alloc(17 * 1024 * 1024, 'a plain log line\n');
for (let i = 0; i < big.length; i += 4096) big.write(`line ${i}\n`, i);

describe(`attachments in an S3-compatible bucket (${testDriver})`, () => {
  let s3: TestS3;
  let t: TestApp;
  let customer: TestUser;
  let otherCustomer: TestUser;
  let agent: TestUser;
  let admin: TestUser;
  let ticket: { id: string; number: number };
  let deptId: string;

  beforeAll(async () => {
    s3 = await startS3({ prefix: 'helpdesk/' });
    t = await buildTestApp({ ...s3.env, MAX_UPLOAD_MB: '20', MAX_TICKET_UPLOAD_MB: '30' });
    const f = factories(t.database);
    const dept = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    otherCustomer = await f.user({ role: 'CUSTOMER' });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    admin = await f.user({ role: 'ADMIN' });
    deptId = dept.id;
    ticket = await insertTicketRow(t.database, { customerId: customer.id, departmentId: dept.id });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  const upload = (user: TestUser, parts: Parameters<typeof multipart>[0], ticketId = ticket.id) => {
    const body = multipart(parts);
    return api(t).post(`/api/tickets/${ticketId}/attachments`, body.payload, {
      headers: { ...user.headers, ...body.headers },
    });
  };
  const keyOf = async (id: string) =>
    (await t.database.query<{ storage_key: string }>('SELECT storage_key FROM attachments WHERE id = $1', [id]))[0]
      ?.storage_key as string;
  /** Files left in UPLOAD_DIR: none once an upload is in the bucket (.tmp is only for receiving). */
  const localFiles = () =>
    readdirSync(t.config.uploadDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

  it('streams a large upload into the bucket (multipart) and serves it back whole and by Range', async () => {
    const res = await upload(customer, [{ name: 'file', filename: 'log.txt', content: big }]);
    expect(res.statusCode, res.body).toBe(201);
    const [file] = res.json().data;
    expect(file).toMatchObject({ sizeBytes: big.length, sha256: sha(big), mimeType: 'text/plain' });
    const key = await keyOf(file.id);
    expect(await s3.head(key)).toEqual({ size: big.length, sha256: sha(big), contentType: 'text/plain' });
    expect(localFiles()).toBe(0);

    const whole = await api(t, customer).get(`/api/attachments/${file.id}`);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-length']).toBe(String(big.length));
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-disposition']).toBe('attachment; filename=log.txt');
    expect(whole.headers['x-content-type-options']).toBe('nosniff');
    expect(whole.headers['content-security-policy']).toContain('sandbox');
    expect(sha(whole.rawPayload)).toBe(sha(big));
    const head = await t.app.inject({ method: 'HEAD', url: `/api/attachments/${file.id}`, headers: customer.headers });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(big.length));
    expect(head.rawPayload.length).toBe(0);

    const from = 9 * 1024 * 1024 - 3;
    const part = await api(t).get(`/api/attachments/${file.id}`, {
      headers: { ...customer.headers, range: `bytes=${from}-${from + 9}` },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes ${from}-${from + 9}/${big.length}`);
    expect(part.rawPayload.equals(big.subarray(from, from + 10))).toBe(true);
    const tail = await api(t).get(`/api/attachments/${file.id}`, {
      headers: { ...customer.headers, range: 'bytes=-4' },
    });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(big.subarray(big.length - 4))).toBe(true);
    const beyond = await api(t).get(`/api/attachments/${file.id}`, {
      headers: { ...customer.headers, range: `bytes=${big.length}-` },
    });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${big.length}`);
    expect(beyond.json()).toMatchObject({ success: false, error: { code: 'RANGE_NOT_SATISFIABLE' } });
  });

  it('leaves no object behind when the transaction fails or the file is refused', async () => {
    const own = await insertTicketRow(t.database, { customerId: customer.id, departmentId: deptId });
    const before = await s3.keys();
    // The ticket quota is checked inside the transaction, once both files are in the bucket:
    // together they take the ticket over MAX_TICKET_UPLOAD_MB (30).
    const res = await upload(
      customer,
      [
        { name: 'file', filename: 'one.txt', content: big },
        { name: 'file', filename: 'two.txt', content: big },
      ],
      own.id,
    );
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ success: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    // Refused by type: sniffed in UPLOAD_DIR/.tmp, never sent to the bucket.
    const html = await upload(customer, [{ name: 'file', filename: 'page.txt', content: '<html><script>x</script>' }]);
    expect(html.statusCode).toBe(415);
    expect(await s3.keys()).toEqual(before);
    expect(localFiles()).toBe(0);
  });

  it('never completes a copy whose bytes do not match, in one PUT or in parts', async () => {
    const store = fileStoreFor(t.config);
    const before = await s3.keys();
    for (const content of [Buffer.from('short and wrong'), big]) {
      const wrong = { sha256: sha('something else'), sizeBytes: content.length };
      await expect(store.put('2026/05/wrong', Readable.from([content]), wrong)).rejects.toBeInstanceOf(
        ChecksumMismatchError,
      );
    }
    expect(await s3.keys()).toEqual(before);
    await store.put('2026/05/right', Readable.from([big]), { sha256: sha(big), sizeBytes: big.length });
    expect(await s3.head('2026/05/right')).toMatchObject({ size: big.length, sha256: sha(big) });
    await store.remove(['2026/05/right']);
  });

  it("keeps the access rules: internal notes' files for staff only, other customers see nothing", async () => {
    const body = multipart([
      { name: 'body', value: 'Internal: see the screenshot' },
      { name: 'isInternal', value: 'true' },
      { name: 'files', filename: 'internal.png', content: tinyPng },
    ]);
    const note = await api(t).post(`/api/tickets/${ticket.id}/messages`, body.payload, {
      headers: { ...agent.headers, ...body.headers },
    });
    expect(note.statusCode, note.body).toBe(201);
    const id = note.json().data.attachments[0].id;
    expect(await s3.head(await keyOf(id))).toMatchObject({ size: tinyPng.length });
    expect((await api(t, agent).get(`/api/attachments/${id}`)).statusCode).toBe(200);
    for (const user of [customer, otherCustomer]) {
      const res = await api(t, user).get(`/api/attachments/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    }
    const pub = await upload(customer, [{ name: 'file', filename: 'mine.png', content: tinyPng }]);
    const pubId = pub.json().data[0].id;
    expect((await api(t, customer).get(`/api/attachments/${pubId}`)).statusCode).toBe(200);
    expect((await api(t, otherCustomer).get(`/api/attachments/${pubId}`)).statusCode).toBe(404);
    expect((await api(t).get(`/api/attachments/${pubId}`)).statusCode).toBe(401);
  });

  it('answers 404 in the error shape when the object is gone from the bucket', async () => {
    const up = await upload(customer, [{ name: 'file', filename: 'soon-gone.txt', content: 'soon gone' }]);
    const id = up.json().data[0].id;
    await s3.remove(await keyOf(id));
    const res = await api(t, customer).get(`/api/attachments/${id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    await t.database.query('DELETE FROM attachments WHERE id = $1', [id]);
  });

  it('sweeps old objects no row names and reports missing and altered ones', async () => {
    const good = await upload(customer, [{ name: 'file', filename: 'good.txt', content: 'good' }]);
    const goodKey = await keyOf(good.json().data[0].id);
    const altered = await upload(customer, [{ name: 'file', filename: 'altered.txt', content: 'original' }]);
    const alteredId = altered.json().data[0].id;
    await s3.put(await keyOf(alteredId), 'tampered');
    const gone = await upload(customer, [{ name: 'file', filename: 'gone.txt', content: 'gone' }]);
    const goneId = gone.json().data[0].id;
    await s3.remove(await keyOf(goneId));
    await s3.put('2026/01/old-orphan', 'x');
    s3.age('2026/01/old-orphan', 2 * 3600_000);
    await s3.put('2026/01/fresh-orphan', 'x');
    s3.age(goodKey, 2 * 3600_000);

    const dry = await checkUploads(t.database, t.config, { dryRun: true });
    expect(dry.orphansRemoved).toEqual(['2026/01/old-orphan']);
    expect(dry.missing).toEqual([{ id: goneId, storageKey: expect.any(String) }]);
    expect(dry.corrupt).toEqual([{ id: alteredId, storageKey: expect.any(String) }]);
    expect(await s3.head('2026/01/old-orphan')).toBeDefined();

    // The sweep job: orphans only, without downloading every object to hash it.
    const swept = await checkUploads(t.database, t.config, { hash: false });
    expect(swept.orphansRemoved).toEqual(['2026/01/old-orphan']);
    expect(swept.corrupt).toEqual([]);
    expect(await s3.head('2026/01/old-orphan')).toBeUndefined();
    expect(await s3.head('2026/01/fresh-orphan')).toBeDefined();
    expect(await s3.head(goodKey)).toBeDefined();
    await t.database.query('DELETE FROM attachments WHERE id = ANY($1)', [[alteredId, goneId]]);
  });

  it("removes a deleted ticket's objects", async () => {
    const other = await insertTicketRow(t.database, { customerId: customer.id, departmentId: deptId });
    const up = await upload(admin, [{ name: 'file', filename: 'bye.png', content: tinyPng }], other.id);
    expect(up.statusCode, up.body).toBe(201);
    const key = await keyOf(up.json().data[0].id);
    expect(await s3.head(key)).toBeDefined();
    const del = await api(t, admin).delete(`/api/tickets/${other.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(await s3.head(key)).toBeUndefined();
  });
});
