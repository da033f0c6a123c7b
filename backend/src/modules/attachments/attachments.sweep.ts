import type { Database } from '../../db/client.js';
import { cannedFileStorageRows } from '../canned-responses/canned-responses.service.js';
import { articleImageStorageRows } from '../knowledge-base/knowledge-base.service.js';
import { listAllStorageRows, listArchivedStorageKeys } from './attachments.repository.js';
import { hashStored, listStored, removeStored } from './attachments.storage.js';

interface UploadsReport {
  filesOnDisk: number;
  rows: number;
  /** Files with no row, older than the grace period: removed (unless dry run). */
  orphansRemoved: string[];
  orphanBytes: number;
  /** Rows whose file is gone. */
  missing: { id: string; storageKey: string }[];
  /** Rows whose file no longer has the recorded SHA-256. */
  corrupt: { id: string; storageKey: string }[];
}

/**
 * Compares UPLOAD_DIR with the attachments table. Files without a row that are older than
 * `graceMs` (an upload in progress has no row yet) are removed; rows without an intact file are
 * reported, never deleted: that needs a person.
 */
export async function checkUploads(
  database: Database,
  uploadDir: string,
  opts: { dryRun?: boolean; graceMs?: number; now?: number } = {},
): Promise<UploadsReport> {
  const graceMs = opts.graceMs ?? 60 * 60 * 1000;
  const now = opts.now ?? Date.now();
  const [files, ticketRows, articleRows, cannedRows, archived] = await Promise.all([
    listStored(uploadDir),
    listAllStorageRows(database.db),
    // Knowledge-base images live in the same store (modules/knowledge-base).
    articleImageStorageRows(database.db),
    // So do canned responses' files (modules/canned-responses).
    cannedFileStorageRows(database.db),
    listArchivedStorageKeys(database.db),
  ]);
  const rows = [...ticketRows, ...articleRows, ...cannedRows];
  // Archived tickets keep their files (helpdesk unarchive brings them back).
  const known = new Set([...rows.map((r) => r.storageKey), ...archived]);
  const onDisk = new Set(files.map((f) => f.key));
  const orphanFiles = files.filter((f) => !known.has(f.key) && now - f.mtimeMs > graceMs);
  const orphans = orphanFiles.map((f) => f.key);
  if (!opts.dryRun) await removeStored(uploadDir, orphans);
  const missing: UploadsReport['missing'] = [];
  const corrupt: UploadsReport['corrupt'] = [];
  for (const row of rows) {
    if (!onDisk.has(row.storageKey)) missing.push({ id: row.id, storageKey: row.storageKey });
    else if ((await hashStored(uploadDir, row.storageKey)) !== row.sha256)
      corrupt.push({ id: row.id, storageKey: row.storageKey });
  }
  return {
    filesOnDisk: files.length,
    rows: rows.length,
    orphansRemoved: orphans,
    orphanBytes: orphanFiles.reduce((sum, f) => sum + f.size, 0),
    missing,
    corrupt,
  };
}
