import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A file written to its final place in the store but not yet recorded in the database. */
export interface StoredFile {
  storageKey: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  /** Set by the caller after sniffing. */
  mimeType: string;
}

/** What a stored object is, for the sweep and uploads:check. */
export interface StoredObject {
  key: string;
  mtimeMs: number;
  size: number;
}

/** What a stored file must turn out to be: it lands only when its bytes hash to `sha256`. */
export interface Expected {
  sha256: string;
  sizeBytes: number;
  contentType?: string;
}

/** Thrown by `read` for a key that has no object. */
export class MissingObjectError extends Error {}

/**
 * Where uploaded files live: UPLOAD_DIR (`local`) or an S3-compatible bucket (`s3`). Files are
 * received into UPLOAD_DIR/.tmp either way (hashed and sniffed there), then put into the store.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Where the files are, for messages (no credentials). */
  readonly where: string;
  /** Puts a finished staging file (writeTemp) at `key`: a rename on disk, an upload to a bucket (moveIntoStore removes the staging file then). */
  putFile(key: string, tmpPath: string, expected: Expected): Promise<void>;
  /** Streams `source` to `key`; nothing lands unless its bytes match `expected` (else it throws). */
  put(key: string, source: NodeJS.ReadableStream, expected: Expected): Promise<void>;
  /** The object's size and, where the store keeps it, the SHA-256 it was verified against; undefined when missing. */
  stat(key: string): Promise<{ size: number; sha256?: string } | undefined>;
  /** The object's bytes, or those from `start` to `end` (inclusive). Throws MissingObjectError. */
  read(key: string, range?: { start: number; end: number }): Promise<NodeJS.ReadableStream>;
  /** Removes objects (after a failed transaction, or after their rows were deleted); missing ones are fine. */
  remove(keys: readonly string[]): Promise<void>;
  /** Every stored object (uploads being received are not objects yet: see listStaging). */
  list(): Promise<StoredObject[]>;
}

const TMP = '.tmp';

/** yyyy/mm/<uuid>: spreads files over folders and never uses the client's name. */
export function newStorageKey(now = new Date()): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${now.getUTCFullYear()}/${month}/${randomUUID()}`;
}

/** The shape of every key newStorageKey makes; the bucket sweep touches no other object. */
export const storageKeyPattern = /^\d{4}\/\d{2}\/[^/]+$/;

export function storagePath(uploadDir: string, storageKey: string): string {
  const full = path.resolve(uploadDir, storageKey);
  // Keys are generated, but a row edited by hand must not reach outside UPLOAD_DIR.
  if (!full.startsWith(path.resolve(uploadDir) + path.sep))
    throw new Error(`storage key outside UPLOAD_DIR: ${storageKey}`);
  return full;
}

/**
 * Hashes and counts what flows through. With `expected`, it fails as soon as more bytes come than
 * expected, and holds back the last chunk until the end shows size and SHA-256 match: a wrong copy
 * fails before its last byte reaches the store, so no upload of it can complete.
 */
export function meter(expected?: Expected) {
  const hash = createHash('sha256');
  const result = { sizeBytes: 0, sha256: '' };
  let held: Buffer | undefined;
  const mismatch = () =>
    new ChecksumMismatchError(
      `expected ${expected?.sha256} (${expected?.sizeBytes} bytes), got ${result.sizeBytes} bytes`,
    );
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      result.sizeBytes += chunk.length;
      if (!expected) return done(null, chunk);
      if (result.sizeBytes > expected.sizeBytes) return done(mismatch());
      const previous = held;
      held = chunk;
      done(null, previous);
    },
    flush(done) {
      result.sha256 = hash.digest('hex');
      if (expected && (result.sha256 !== expected.sha256 || result.sizeBytes !== expected.sizeBytes)) {
        return done(mismatch());
      }
      if (held) this.push(held);
      done();
    },
  });
  return { stream, result };
}

export class ChecksumMismatchError extends Error {}

/**
 * Streams `source` to a temporary file under UPLOAD_DIR/.tmp (hashing as it goes), fsyncs it and
 * returns its path, size and SHA-256. Nothing is held in memory beyond a chunk. Throws what the
 * stream throws (e.g. the size limit, or a checksum mismatch), after removing the temporary file.
 */
export async function writeTemp(
  uploadDir: string,
  source: NodeJS.ReadableStream,
  expected?: Expected,
): Promise<{ tmpPath: string; sizeBytes: number; sha256: string }> {
  const dir = path.join(uploadDir, TMP);
  await mkdir(dir, { recursive: true });
  const tmpPath = path.join(dir, `${randomUUID()}.part`);
  const m = meter(expected);
  // Opened before the stream starts: a stream still opening its file when the source fails (a
  // body cut short) would create the file after the cleanup below had run.
  const file = await open(tmpPath, 'wx');
  try {
    await pipeline(source, m.stream, file.createWriteStream());
    const handle = await open(tmpPath, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    await rm(tmpPath, { force: true });
    throw err;
  }
  return { tmpPath, ...m.result };
}

/** Files of every tree below `dir` as `{ key, mtimeMs, size }`, keys '/'-separated under `prefix`. */
async function walkFiles(dir: string, prefix: string, skip: (name: string) => boolean): Promise<StoredObject[]> {
  const out: StoredObject[] = [];
  async function walk(at: string, keyPrefix: string) {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!keyPrefix && skip(entry.name)) continue;
      const key = keyPrefix ? `${keyPrefix}/${entry.name}` : entry.name;
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) await walk(full, key);
      else if (entry.isFile() && entry.name !== '.gitkeep') {
        const info = await stat(full);
        out.push({ key, mtimeMs: info.mtimeMs, size: info.size });
      }
    }
  }
  await walk(dir, prefix);
  return out;
}

/** Uploads being received (or left behind by a crash) under UPLOAD_DIR/.tmp, keyed `.tmp/…`. */
export function listStaging(uploadDir: string): Promise<StoredObject[]> {
  return walkFiles(path.join(uploadDir, TMP), TMP, () => false);
}

/** Removes staging files by their `.tmp/…` keys (the same as removing them from the local store). */
export const removeStaging = (uploadDir: string, keys: readonly string[]) => new LocalStore(uploadDir).remove(keys);

/** Files under UPLOAD_DIR/yyyy/mm/<uuid>. */
export class LocalStore implements FileStore {
  readonly kind = 'local' as const;
  readonly where: string;
  constructor(private readonly uploadDir: string) {
    this.where = `UPLOAD_DIR ${uploadDir}`;
  }

  async putFile(key: string, tmpPath: string): Promise<void> {
    const target = storagePath(this.uploadDir, key);
    await mkdir(path.dirname(target), { recursive: true });
    // Atomic on one file system: the file is either whole under its key or not there.
    await rename(tmpPath, target);
  }

  async put(key: string, source: NodeJS.ReadableStream, expected: Expected): Promise<void> {
    const { tmpPath } = await writeTemp(this.uploadDir, source, expected);
    await this.putFile(key, tmpPath);
  }

  async stat(key: string) {
    try {
      const info = await stat(storagePath(this.uploadDir, key));
      return info.isFile() ? { size: info.size } : undefined;
    } catch {
      return undefined;
    }
  }

  async read(key: string, range?: { start: number; end: number }): Promise<NodeJS.ReadableStream> {
    const handle = await open(storagePath(this.uploadDir, key), 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'EISDIR') throw new MissingObjectError(key);
      throw err;
    });
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async remove(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(storagePath(this.uploadDir, key), { force: true })));
  }

  list(): Promise<StoredObject[]> {
    return walkFiles(this.uploadDir, '', (name) => name === TMP);
  }
}

/** Runs `fn` on every item, `limit` at a time. */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** SHA-256 of a stored object, or undefined when it is missing or unreadable. */
export async function hashStored(store: FileStore, key: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    await pipeline(await store.read(key), hash);
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** Reads a whole staging file into the store; removes it in any case. */
export async function moveIntoStore(store: FileStore, key: string, tmpPath: string, expected: Expected) {
  try {
    await store.putFile(key, tmpPath, expected);
  } finally {
    await rm(tmpPath, { force: true });
  }
}
