import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../../config.js';
import {
  type Expected,
  eachLimited,
  type FileStore,
  MissingObjectError,
  meter,
  type StoredObject,
  storageKeyPattern,
} from './attachments.storage.js';

type S3Settings = NonNullable<Config['s3']>;

/**
 * Parts of a multipart upload: 8 MiB, two in flight (lib-storage holds those parts in memory, at
 * most 16 MiB of a file). Files up to two parts go in one streamed PutObject instead, held
 * nowhere.
 */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;
const SINGLE_PUT_MAX = PART_SIZE * QUEUE_SIZE;
function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Objects in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Ceph RGW) through the AWS SDK,
 * keyed S3_PREFIX + storage key. The SDK is loaded on first use: a local store never pays for it.
 */
export class S3Store implements FileStore {
  readonly kind = 's3' as const;
  readonly where: string;
  private client?: Promise<{ s3: S3Client; sdk: typeof import('@aws-sdk/client-s3') }>;

  constructor(private readonly settings: S3Settings) {
    this.where = `bucket ${settings.bucket}${settings.prefix ? ` (prefix ${settings.prefix})` : ''}${
      settings.endpoint ? ` at ${settings.endpoint}` : ''
    }`;
  }

  private connect() {
    this.client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        endpoint: this.settings.endpoint,
        region: this.settings.region,
        forcePathStyle: this.settings.forcePathStyle,
        credentials: this.settings.credentials,
        // Checksums only where S3 requires them: several S3-compatible servers refuse the SDK's
        // newer default (CRC32 trailers). Our own SHA-256 checks every file's content.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }));
    return this.client;
  }

  private objectKey(key: string): string {
    return this.settings.prefix + key;
  }

  putFile(key: string, tmpPath: string, expected: Expected): Promise<void> {
    return this.put(key, createReadStream(tmpPath), expected);
  }

  async put(key: string, source: NodeJS.ReadableStream, expected: Expected): Promise<void> {
    const check = meter(expected);
    // A failing source fails the body, and so the upload (which then aborts).
    let failure: unknown;
    check.stream.once('error', (err) => {
      failure = err;
    });
    pipeline(source, check.stream).catch(() => {});
    try {
      await this.send(key, check.stream, expected);
    } catch (err) {
      // The SDK reports a failed body in its own words: say why it failed.
      throw failure ?? err;
    }
  }

  /** Uploads a verified body: one streamed PutObject, or a multipart upload for large files. */
  private async send(key: string, body: Readable, expected: Expected): Promise<void> {
    const { s3, sdk } = await this.connect();
    const params = {
      Bucket: this.settings.bucket,
      Key: this.objectKey(key),
      // Checked as it streams: a mismatch fails the stream before the upload completes.
      Body: body,
      ContentType: expected.contentType ?? 'application/octet-stream',
      Metadata: { sha256: expected.sha256 },
    };
    if (expected.sizeBytes <= SINGLE_PUT_MAX) {
      // The length is known, so the body streams through as it is read.
      await s3.send(new sdk.PutObjectCommand({ ...params, ContentLength: expected.sizeBytes }));
      return;
    }
    const { Upload } = await import('@aws-sdk/lib-storage');
    const upload = new Upload({
      client: s3,
      params,
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      // An upload that fails is aborted: no parts are left behind.
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async stat(key: string) {
    const { s3, sdk } = await this.connect();
    try {
      const head = await s3.send(new sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
      return { size: Number(head.ContentLength ?? 0), sha256: head.Metadata?.sha256 };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async read(key: string, range?: { start: number; end: number }): Promise<NodeJS.ReadableStream> {
    const { s3, sdk } = await this.connect();
    try {
      const got = await s3.send(
        new sdk.GetObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.objectKey(key),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      return got.Body as Readable;
    } catch (err) {
      if (isNotFound(err)) throw new MissingObjectError(key);
      throw err;
    }
  }

  async remove(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const { s3, sdk } = await this.connect();
    // One DeleteObject per key: DeleteObjects needs a Content-MD5 or checksum that not every
    // S3-compatible server accepts. Deleting a missing key succeeds.
    await eachLimited(keys, 8, async (key) => {
      await s3.send(new sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
    });
  }

  async list(): Promise<StoredObject[]> {
    const { s3, sdk } = await this.connect();
    const out: StoredObject[] = [];
    const prefix = this.settings.prefix;
    let token: string | undefined;
    do {
      const page = await s3.send(
        new sdk.ListObjectsV2Command({
          Bucket: this.settings.bucket,
          Prefix: prefix || undefined,
          ContinuationToken: token,
        }),
      );
      for (const o of page.Contents ?? []) {
        const key = (o.Key ?? '').slice(prefix.length);
        // Only our own keys: a bucket shared with something else keeps that something's objects.
        if (storageKeyPattern.test(key))
          out.push({ key, size: Number(o.Size ?? 0), mtimeMs: o.LastModified?.getTime() ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }
}
