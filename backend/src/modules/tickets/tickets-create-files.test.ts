import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { fakeExe, multipart, tinyPng } from '../../../test/multipart.js';
import { testDriver } from '../../../test/test-database.js';

// Issue 15: a ticket is never filed half-done: with its files in one multipart request, or not at all.
describe(`filing a ticket with its files (${testDriver})`, () => {
  const t = useTestApp({ MAX_UPLOAD_MB: '0.05', MAX_FILES_PER_MESSAGE: '2' });
  let customer: TestUser;
  let agent: TestUser;
  let deptId: string;

  beforeAll(async () => {
    const f = factories(t.database);
    const dept = await f.department();
    deptId = dept.id;
    customer = await f.user({ role: 'CUSTOMER' });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
  });

  const count = async (table: string) =>
    Number((await t.database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);
  const storedFiles = () =>
    readdirSync(t.config.uploadDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

  const file = (parts: Parameters<typeof multipart>[0], headers: Record<string, string> = {}) => {
    const body = multipart(parts);
    return t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: { ...customer.headers, ...body.headers, ...headers },
      payload: body.payload,
    });
  };
  const fields = (subject: string) => [
    { name: 'subject', value: subject },
    { name: 'description', value: 'The screen flickers' },
    { name: 'departmentId', value: deptId },
  ];

  it('files the ticket and its files in one request', async () => {
    const res = await file([
      ...fields('Flicker'),
      { name: 'files', filename: 'flicker.png', content: tinyPng },
      { name: 'files', filename: 'notes.txt', content: 'since Monday' },
    ]);
    expect(res.statusCode).toBe(201);
    const { ticket } = res.json().data;
    expect(ticket.subject).toBe('Flicker');
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/tickets/${ticket.id}/attachments`,
      headers: agent.headers,
    });
    expect(
      // Files of one request share their created_at; the order among them is not part of the answer.
      list
        .json()
        .data.map((a: { fileName: string; messageId: string | null }) => [a.fileName, a.messageId])
        .sort(),
    ).toEqual([
      ['flicker.png', null],
      ['notes.txt', null],
    ]);
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/tickets/${ticket.id}/history`,
      headers: customer.headers,
    });
    expect(history.json().data.filter((e: { action: string }) => e.action === 'attachment_added')).toHaveLength(2);
  });

  it('files nothing and keeps no file when one file is refused', async () => {
    const [tickets, attachments, onDisk] = [await count('tickets'), await count('attachments'), storedFiles().length];
    const refused = [
      // a type outside the allowlist: 415
      await file([
        ...fields('Bad type'),
        { name: 'files', filename: 'ok.png', content: tinyPng },
        { name: 'files', filename: 'tool.exe', content: fakeExe },
      ]),
      // over MAX_UPLOAD_MB: 413
      await file([...fields('Too big'), { name: 'files', filename: 'big.txt', content: 'x'.repeat(60_000) }]),
      // more than MAX_FILES_PER_MESSAGE: 413
      await file([
        ...fields('Too many'),
        ...['a', 'b', 'c'].map((n) => ({ name: 'files', filename: `${n}.txt`, content: n })),
      ]),
      // a field missing: 400 with machine-readable details
      await file([
        { name: 'subject', value: 'No department' },
        { name: 'description', value: 'x' },
        { name: 'files', filename: 'a.png', content: tinyPng },
      ]),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([415, 413, 413, 400]);
    expect(refused[3]?.json().error.details.map((d: { path: string }) => d.path)).toEqual(['body.departmentId']);
    expect(await count('tickets')).toBe(tickets);
    expect(await count('attachments')).toBe(attachments);
    expect(storedFiles()).toHaveLength(onDisk);
  });

  it('removes the files when the ticket is refused after they arrived (inactive department)', async () => {
    const inactive = await factories(t.database).department();
    await t.database.query('UPDATE departments SET is_active = false WHERE id = $1', [inactive.id]);
    const onDisk = storedFiles().length;
    const res = await file([
      { name: 'subject', value: 'Nowhere' },
      { name: 'description', value: 'x' },
      { name: 'departmentId', value: inactive.id },
      { name: 'files', filename: 'a.png', content: tinyPng },
    ]);
    expect(res.statusCode).toBe(422);
    expect(storedFiles()).toHaveLength(onDisk);
  });

  it('a replay with the same Idempotency-Key files one ticket and keeps one set of files', async () => {
    const parts = [...fields('Twice'), { name: 'files', filename: 'once.png', content: tinyPng }];
    const first = await file(parts, { 'idempotency-key': 'create-with-files-1' });
    const onDisk = storedFiles().length;
    const again = await file(parts, { 'idempotency-key': 'create-with-files-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().data.ticket.id).toBe(first.json().data.ticket.id);
    expect(storedFiles()).toHaveLength(onDisk);
  });
});
