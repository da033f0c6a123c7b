import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/**
 * A real S3-compatible server (s3rver, from npm) on 127.0.0.1 with one bucket, for the tests of
 * STORAGE=s3, and a client to look into the bucket from outside the app.
 */
export interface TestS3 {
  /** The settings that point the app (or the CLI) at the bucket. */
  env: Record<string, string>;
  bucket: string;
  prefix: string;
  client: S3Client;
  /** Object keys (storage keys, without the prefix) in the bucket. */
  keys(): Promise<string[]>;
  get(key: string): Promise<Buffer | undefined>;
  head(key: string): Promise<{ size: number; sha256?: string; contentType?: string } | undefined>;
  put(key: string, body: Buffer | string): Promise<void>;
  remove(key: string): Promise<void>;
  /** Makes an object look `ms` old (its Last-Modified, as the sweep sees it). */
  age(key: string, ms: number): void;
  close(): Promise<void>;
}

export async function startS3(opts: { prefix?: string } = {}): Promise<TestS3> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-s3-'));
  const bucket = 'helpdesk-test';
  const prefix = opts.prefix ?? '';
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  const full = (key: string) => prefix + key;
  const notFound = (err: unknown) =>
    (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;
  return {
    env: {
      STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
      ...(prefix ? { S3_PREFIX: prefix } : {}),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    bucket,
    prefix,
    client,
    async keys() {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        for (const o of page.Contents ?? []) if (o.Key?.startsWith(prefix)) out.push(o.Key.slice(prefix.length));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out.sort();
    },
    async get(key) {
      try {
        const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: full(key) }));
        return Buffer.from(await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
      } catch (err) {
        if (notFound(err)) return undefined;
        throw err;
      }
    },
    async head(key) {
      try {
        const h = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: full(key) }));
        return { size: Number(h.ContentLength), sha256: h.Metadata?.sha256, contentType: h.ContentType };
      } catch (err) {
        if (notFound(err)) return undefined;
        throw err;
      }
    },
    async put(key, body) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: full(key), Body: body }));
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: full(key) }));
    },
    age(key, ms) {
      // s3rver answers Last-Modified from its object file's mtime.
      const file = path.join(dir, bucket, `${full(key)}._S3rver_object`);
      const then = new Date(Date.now() - ms);
      utimesSync(file, then, then);
    },
    async close() {
      client.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
