import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from './factories.js';
import { type CliTarget, createCliTarget, runCli } from './operations-helpers.js';
import { startS3, type TestS3 } from './s3-server.js';
import { testDriver } from './test-database.js';
import { insertTicketRow } from './ticket-rows.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Files by key with their content; `gone` has a row but no file, `altered` a file that no longer matches. */
const files: Record<string, string> = {
  '2026/01/alpha': 'alpha',
  '2026/01/bravo': 'bravo',
  '2026/02/charlie': 'charlie',
  '2026/02/article-image': 'an image',
};

describe(`helpdesk storage:migrate and uploads:check with a bucket (${testDriver})`, { timeout: 300_000 }, () => {
  let target: CliTarget;
  let s3: TestS3;
  let local: Record<string, string>;
  let bucket: Record<string, string>;
  let goneId = '';
  let alteredId = '';

  beforeAll(async () => {
    [target, s3] = await Promise.all([createCliTarget(), startS3()]);
    local = { ...target.env, ...s3.env, STORAGE: 'local' };
    bucket = { ...target.env, ...s3.env, STORAGE: 's3' };
    await target.withDb(async (database) => {
      const f = factories(database);
      const customer = await f.user();
      const ticket = await insertTicketRow(database, {
        customerId: customer.id,
        departmentId: (await f.department()).id,
      });
      const add = async (key: string, content: string) => {
        const [row] = await database.query<{ id: string }>(
          `INSERT INTO attachments (ticket_id, uploaded_by_id, file_name, mime_type, size_bytes, storage_key, sha256)
           VALUES ($1, $2, 'f.txt', 'text/plain', $3, $4, $5) RETURNING id`,
          [ticket.id, customer.id, Buffer.byteLength(content), key, sha(content)],
        );
        return row?.id as string;
      };
      for (const key of ['2026/01/alpha', '2026/01/bravo', '2026/02/charlie']) await add(key, files[key] as string);
      goneId = await add('2026/03/gone', 'gone');
      alteredId = await add('2026/03/altered', 'original');
      // A knowledge-base image shares the store.
      await database.query(
        `WITH a AS (INSERT INTO kb_articles (title, slug) VALUES ('With image', 'with-image') RETURNING id)
         INSERT INTO kb_images (article_id, file_name, mime_type, size_bytes, storage_key, sha256)
         SELECT id, 'i.png', 'image/png', 8, '2026/02/article-image', $1 FROM a`,
        [sha('an image')],
      );
    });
    for (const [key, content] of Object.entries({ ...files, '2026/03/altered': 'tampered' })) {
      const full = path.join(target.uploadDir, key);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }, 180_000);
  afterAll(async () => {
    await target?.close();
    await s3?.close();
  });

  it('copies every file a row names to the bucket, verified, and resumes where it stopped', async () => {
    const dry = await runCli(['storage:migrate', '--to', 's3', '--dry-run'], local);
    expect(dry.stdout).toContain('to copy: 5');
    expect(await s3.keys()).toEqual([]);

    const first = await runCli(['storage:migrate', '--to', 's3'], local);
    expect(first.code, first.stderr).toBe(2);
    expect(first.stdout).toContain('files named by rows: 6');
    expect(first.stdout).toContain('copied and verified: 4 (25 bytes)');
    expect(first.stdout).toMatch(/missing in the source: 1\n.*2026\/03\/gone/);
    expect(first.stdout).toMatch(/SHA-256 in the source \(not copied\): 1\n.*2026\/03\/altered/);
    // The altered file never lands: its copy failed its check before the upload completed.
    expect(await s3.keys()).toEqual(Object.keys(files).sort());
    for (const [key, content] of Object.entries(files)) {
      expect((await s3.get(key))?.toString()).toBe(content);
      expect((await s3.head(key))?.sha256).toBe(sha(content));
    }

    // As if interrupted: one object never arrived, another is not the verified copy.
    await s3.remove('2026/01/bravo');
    await s3.put('2026/02/charlie', 'charlie, but not the one the row names');
    const again = await runCli(['storage:migrate', '--to', 's3'], local);
    expect(again.stdout).toContain('copied and verified: 2');
    expect(again.stdout).toContain('already there and verified (skipped): 2');
    expect((await s3.get('2026/02/charlie'))?.toString()).toBe('charlie');
  });

  it('uploads:check and the sweep read the bucket with STORAGE=s3', async () => {
    await s3.put('2026/04/orphan', 'nobody names me');
    s3.age('2026/04/orphan', 2 * 3600_000);
    const check = await runCli(['uploads:check', '--dry-run'], bucket);
    expect(check.code).toBe(2);
    expect(check.stdout).toContain(`Uploads in bucket ${s3.bucket}`);
    expect(check.stdout).toContain('orphan files would remove: 1');
    expect(check.stdout).toMatch(/missing: 2\n/);
    expect(check.stdout).toContain(goneId);
    expect(check.stdout).toContain(alteredId);

    const sweep = await runCli(['maintenance:uploads'], bucket);
    expect(sweep.code, sweep.stderr).toBe(0);
    expect(await s3.head('2026/04/orphan')).toBeUndefined();

    await target.withDb((db) => db.query('DELETE FROM attachments WHERE id = ANY($1)', [[goneId, alteredId]]));
    const clean = await runCli(['uploads:check'], bucket);
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).toContain('missing: 0');
    expect(clean.stdout).toContain('SHA-256: 0');
  });

  it('backs up the rows with the list of their objects, and backup:verify checks the bucket holds them', async () => {
    const out = path.join(target.tmp, 'backups');
    const backup = await runCli(['backup', '--out', out], bucket);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(new RegExp(`4 file\\(s\\) in bucket ${s3.bucket} at \\S+, listed \\(not packed\\)`));
    expect(backup.stdout).toContain('4 of 4 object(s) present in the bucket');
    const [name] = readdirSync(out);
    const file = path.join(out, name as string);
    const unpacked = path.join(target.tmp, 'unpacked');
    mkdirSync(unpacked);
    await tar.x({ file, cwd: unpacked });
    expect(readdirSync(unpacked).sort()).toEqual(
      [`database.${testDriver === 'postgres' ? 'sql' : 'tar'}`, 'manifest.json', 'objects.tsv'].sort(),
    );
    expect(readFileSync(path.join(unpacked, 'objects.tsv'), 'utf8')).toContain(`2026/01/alpha\t5\t${sha('alpha')}\n`);

    expect((await runCli(['backup:verify', file], bucket)).code).toBe(0);
    await s3.put('2026/01/alpha', 'not alpha');
    const altered = await runCli(['backup:verify', file], bucket);
    expect(altered.code).toBe(2);
    expect(altered.stdout).toContain('is intact');
    expect(altered.stdout).toMatch(/missing or altered in the bucket: 1\n\s+2026\/01\/alpha/);
    // Without the bucket's settings the archive is still checked, the objects are not.
    const noBucket = await runCli(['backup:verify', file], target.env);
    expect(noBucket.code).toBe(0);
    expect(noBucket.stdout).toContain('objects not checked');
    // Put right again with the verified copy from UPLOAD_DIR.
    const fix = await runCli(['storage:migrate', '--to', 's3'], local);
    expect(fix.stdout).toContain('copied and verified: 1');
  });

  it('copies the bucket back to an empty UPLOAD_DIR, then has nothing left to do', async () => {
    const uploadDir = path.join(target.tmp, 'uploads-back');
    const env = { ...bucket, UPLOAD_DIR: uploadDir };
    const back = await runCli(['storage:migrate', '--to', 'local'], env);
    expect(back.code, back.stderr + back.stdout).toBe(0);
    expect(back.stdout).toContain('copied and verified: 4');
    for (const [key, content] of Object.entries(files)) {
      expect(readFileSync(path.join(uploadDir, key), 'utf8')).toBe(content);
    }
    // Each copy went through UPLOAD_DIR/.tmp and was renamed into place: nothing is left there.
    const staging = path.join(uploadDir, '.tmp');
    expect(existsSync(staging) ? readdirSync(staging) : []).toEqual([]);
    const again = await runCli(['storage:migrate', '--to', 'local'], env);
    expect(again.stdout).toContain('copied and verified: 0');
    expect(again.stdout).toContain('already there and verified (skipped): 4');
    expect(again.stdout).toContain('✓ Every file is in UPLOAD_DIR');
  });

  it('refuses without the bucket settings', async () => {
    const res = await runCli(['storage:migrate', '--to', 's3'], target.env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('S3_BUCKET');
  });
});
