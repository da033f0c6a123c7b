import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A file written to its final place under UPLOAD_DIR but not yet recorded in the database. */
export interface StoredFile {
  storageKey: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  /** Set by the caller after sniffing. */
  mimeType: string;
}

const TMP = '.tmp';

/** yyyy/mm/<uuid>: spreads files over folders and never uses the client's name. */
export function newStorageKey(now = new Date()): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${now.getUTCFullYear()}/${month}/${randomUUID()}`;
}

export function storagePath(uploadDir: string, storageKey: string): string {
  const full = path.resolve(uploadDir, storageKey);
  // Keys are generated, but a row edited by hand must not reach outside UPLOAD_DIR.
  if (!full.startsWith(path.resolve(uploadDir) + path.sep))
    throw new Error(`storage key outside UPLOAD_DIR: ${storageKey}`);
  return full;
}

/**
 * Streams `source` to a temporary file (hashing as it goes), fsyncs it and returns its path,
 * size and SHA-256. Nothing is held in memory beyond a chunk. Throws what the stream throws
 * (e.g. the size limit), after removing the temporary file.
 */
export async function writeTemp(
  uploadDir: string,
  source: NodeJS.ReadableStream,
): Promise<{ tmpPath: string; sizeBytes: number; sha256: string }> {
  const dir = path.join(uploadDir, TMP);
  await mkdir(dir, { recursive: true });
  const tmpPath = path.join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      done(null, chunk);
    },
  });
  // Opened before the stream starts: a stream still opening its file when the source fails (a
  // body cut short) would create the file after the cleanup below had run.
  const file = await open(tmpPath, 'wx');
  try {
    await pipeline(source, meter, file.createWriteStream());
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
  return { tmpPath, sizeBytes, sha256: hash.digest('hex') };
}

/** Moves a finished temporary file to its storage key (atomic rename on one file system). */
export async function moveIntoPlace(uploadDir: string, tmpPath: string, storageKey: string): Promise<void> {
  const target = storagePath(uploadDir, storageKey);
  await mkdir(path.dirname(target), { recursive: true });
  await rename(tmpPath, target);
}

/** Removes stored files (after a failed transaction, or after their rows were deleted). */
export async function removeStored(uploadDir: string, storageKeys: readonly string[]): Promise<void> {
  await Promise.all(storageKeys.map((key) => rm(storagePath(uploadDir, key), { force: true })));
}

export async function hashStored(uploadDir: string, storageKey: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(storagePath(uploadDir, storageKey)), hash);
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** Every file under UPLOAD_DIR as `{ key, mtimeMs, size }`, temporary files included (under .tmp/). */
export async function listStored(uploadDir: string): Promise<{ key: string; mtimeMs: number; size: number }[]> {
  const out: { key: string; mtimeMs: number; size: number }[] = [];
  async function walk(dir: string, prefix: string) {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const key = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, key);
      else if (entry.isFile() && entry.name !== '.gitkeep') {
        const info = await stat(full);
        out.push({ key, mtimeMs: info.mtimeMs, size: info.size });
      }
    }
  }
  await walk(uploadDir, '');
  return out;
}
