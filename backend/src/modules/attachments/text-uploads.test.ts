import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { multipart, storedFileCount } from '../../../test/multipart.js';
import { testDriver } from '../../../test/test-database.js';

const KiB = 1024;
/** Plain text of exactly `bytes` bytes, with the `<` of harmless prose in it. */
const prose = (bytes: number) =>
  'Printer 2 < printer 1, <3 to the team. '.repeat(Math.ceil(bytes / 39)).slice(0, bytes);

/**
 * A text upload is read whole, chunk by chunk (the check must not hold a large file in memory):
 * markup anywhere refuses it, not only in the first chunk.
 */
describe(`text uploads are checked from start to end (${testDriver})`, () => {
  const t = useTestApp();
  const storedCount = () => storedFileCount(t.config);
  let customer: TestUser;
  let ticketId: string;

  beforeAll(async () => {
    const f = factories(t.database);
    customer = await f.user({ role: 'CUSTOMER' });
    ticketId = (await f.ticket({ customer, department: await f.department() })).id;
  });

  const upload = (filename: string, content: string | Buffer) => {
    const form = multipart([{ name: 'file', filename, content, type: 'text/plain' }]);
    return api(t).post(`/api/tickets/${ticketId}/attachments`, form.payload, {
      headers: { ...customer.headers, ...form.headers },
    });
  };

  async function expectRefused(filename: string, content: string | Buffer, type: string) {
    const before = await storedCount();
    const res = await upload(filename, content);
    expect(res.statusCode, `${filename}: ${res.body}`).toBe(415);
    expect(res.json().error).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      details: [{ message: `type ${type} is not allowed` }],
    });
    expect(await storedCount()).toBe(before);
  }

  it('refuses markup that starts after the first 64 KiB', async () => {
    await expectRefused('notes.txt', `${prose(200 * KiB)}<script>alert(1)</script>`, 'text/html');
    await expectRefused('logo.txt', `${prose(70 * KiB)}<svg onload="alert(1)"></svg>`, 'image/svg+xml');
  });

  it('refuses a tag split across two chunks, wherever it is cut', async () => {
    for (const tag of ['<script>', '<!DOCTYPE html>', '<   iframe src=x>', '<a href=x>']) {
      for (let cut = 1; cut < tag.length; cut++) {
        // The first `cut` characters of the tag end the first 64 KiB chunk.
        await expectRefused(`cut-${cut}.txt`, `${prose(64 * KiB - cut)}${tag} and more`, 'text/html');
      }
    }
  });

  it('refuses a NUL or invalid UTF-8 after the first 64 KiB as binary', async () => {
    await expectRefused('late-nul.txt', `${prose(100 * KiB)}\u0000`, 'application/octet-stream');
    const latin1 = Buffer.concat([Buffer.from(prose(100 * KiB)), Buffer.from([0xe9, 0x74, 0xe9])]);
    await expectRefused('latin1.txt', latin1, 'application/octet-stream');
  });

  it('accepts long plain text, a character split across chunks included', async () => {
    // 'ä' is two bytes: the first ends the first 64 KiB chunk, the second starts the next one.
    const text = `${prose(64 * KiB - 1)}ä${prose(300 * KiB)}`;
    const res = await upload('minutes.txt', text);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data[0]).toMatchObject({ mimeType: 'text/plain', sizeBytes: Buffer.byteLength(text) });
    const csv = await upload('report.csv', `name,value\n${'row,1\n'.repeat(20_000)}`);
    expect(csv.json().data[0].mimeType).toBe('text/csv');
  });
});
