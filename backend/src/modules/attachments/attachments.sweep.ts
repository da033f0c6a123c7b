import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { cannedFileStorageRows } from '../canned-responses/canned-responses.service.js';
import { articleImageStorageRows } from '../knowledge-base/knowledge-base.service.js';
import { listAllStorageRows, listArchivedStorageRows } from './attachments.repository.js';
import { hashStored, listStaging, removeStaging } from './attachments.storage.js';
import { fileStoreFor } from './file-stores.js';

type StoreConfig = Pick<Config, 'uploadDir' | 'storage' | 's3'>;

interface UploadsReport {
  /** Where the files are (UPLOAD_DIR or the bucket). */
  where: string;
  /** Objects in the store plus uploads left in UPLOAD_DIR/.tmp. */
  filesOnDisk: number;
  rows: number;
  /** Files with no row, older than the grace period: removed (unless dry run). */
  orphansRemoved: string[];
  orphanBytes: number;
  /** Rows whose file is gone. */
  missing: { id: string; storageKey: string }[];
  /** Rows whose file no longer has the recorded SHA-256 (only when hashing). */
  corrupt: { id: string; storageKey: string }[];
}

/**
 * Every stored file a row refers to: ticket attachments, knowledge-base images and canned
 * responses' files share the store; archived tickets keep theirs (helpdesk unarchive brings them
 * back), so they count too (`archived`).
 */
export async function storageRows(database: Database) {
  const [ticketRows, articleRows, cannedRows, archived] = await Promise.all([
    listAllStorageRows(database.db),
    // Knowledge-base images live in the same store (modules/knowledge-base).
    articleImageStorageRows(database.db),
    // So do canned responses' files (modules/canned-responses).
    cannedFileStorageRows(database.db),
    listArchivedStorageRows(database.db),
  ]);
  return { live: [...ticketRows, ...articleRows, ...cannedRows], archived };
}

/**
 * Compares the store (UPLOAD_DIR or the bucket) with the rows that name files. Files without a
 * row that are older than `graceMs` (an upload in progress has no row yet), and uploads left in
 * UPLOAD_DIR/.tmp as long, are removed; rows without a file (or, with `hash`, without an intact
 * one) are reported, never deleted: that needs a person. The sweep job skips the hashing, which
 * on a bucket would download every object.
 */
export async function checkUploads(
  database: Database,
  config: StoreConfig,
  opts: { dryRun?: boolean; graceMs?: number; now?: number; hash?: boolean } = {},
): Promise<UploadsReport> {
  const graceMs = opts.graceMs ?? 60 * 60 * 1000;
  const now = opts.now ?? Date.now();
  const store = fileStoreFor(config);
  const [objects, staging, { live: rows, archived }] = await Promise.all([
    store.list(),
    listStaging(config.uploadDir),
    storageRows(database),
  ]);
  const known = new Set([...rows, ...archived].map((r) => r.storageKey));
  const stored = new Set(objects.map((f) => f.key));
  const old = (f: { mtimeMs: number }) => now - f.mtimeMs > graceMs;
  const orphanObjects = objects.filter((f) => !known.has(f.key) && old(f));
  const orphanStaging = staging.filter(old);
  if (!opts.dryRun) {
    await store.remove(orphanObjects.map((f) => f.key));
    await removeStaging(
      config.uploadDir,
      orphanStaging.map((f) => f.key),
    );
  }
  const missing: UploadsReport['missing'] = [];
  const corrupt: UploadsReport['corrupt'] = [];
  for (const row of rows) {
    if (!stored.has(row.storageKey)) missing.push({ id: row.id, storageKey: row.storageKey });
    else if (opts.hash !== false && (await hashStored(store, row.storageKey)) !== row.sha256)
      corrupt.push({ id: row.id, storageKey: row.storageKey });
  }
  const orphans = [...orphanObjects, ...orphanStaging];
  return {
    where: store.where,
    filesOnDisk: objects.length + staging.length,
    rows: rows.length,
    orphansRemoved: orphans.map((f) => f.key),
    orphanBytes: orphans.reduce((sum, f) => sum + f.size, 0),
    missing,
    corrupt,
  };
}
