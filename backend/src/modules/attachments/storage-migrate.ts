import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import {
  ChecksumMismatchError,
  eachLimited,
  type FileStore,
  hashStored,
  MissingObjectError,
} from './attachments.storage.js';
import { storageRows } from './attachments.sweep.js';
import { storeOfKind } from './file-stores.js';

interface MigrateReport {
  from: string;
  to: string;
  /** Files named by rows (attachments, archived ones included, article images, canned responses' files). */
  total: number;
  /** Copied now, each checked against its row's SHA-256 as it streamed (or, dry run: would be). */
  copied: number;
  bytesCopied: number;
  /** Already in the target with the row's size and SHA-256: skipped. */
  alreadyThere: number;
  /** Rows whose file is in neither place. */
  missing: { id: string; storageKey: string }[];
  /** Rows whose source file does not match their SHA-256: not copied. */
  corrupt: { id: string; storageKey: string }[];
}

/** Files copied at once. */
const CONCURRENCY = 4;

/** Whether `target` holds the row's file intact: its size, and the SHA-256 the store verified it against (or its bytes'). */
async function alreadyCopied(target: FileStore, row: { storageKey: string; sha256: string; sizeBytes: number }) {
  const info = await target.stat(row.storageKey);
  if (!info || info.size !== row.sizeBytes) return false;
  return (info.sha256 ?? (await hashStored(target, row.storageKey))) === row.sha256;
}

/**
 * `helpdesk storage:migrate --to s3|local`: copies every file a row names from the other store to
 * `to`. Resumable: a file already in the target with its row's size and SHA-256 is skipped (a
 * bucket object carries the SHA-256 it was verified against as metadata). Verifiable: each copy is
 * hashed as it streams and lands only when it matches the row. The source is left as it is.
 */
export async function migrateStorage(
  database: Database,
  config: Pick<Config, 'uploadDir' | 's3'>,
  to: 'local' | 's3',
  opts: { dryRun?: boolean } = {},
): Promise<MigrateReport> {
  const target = storeOfKind(config, to);
  const source = storeOfKind(config, to === 's3' ? 'local' : 's3');
  const { live, archived } = await storageRows(database);
  const byKey = new Map([...live, ...archived].map((r) => [r.storageKey, r]));
  const rows = [...byKey.values()];
  const report: MigrateReport = {
    from: source.where,
    to: target.where,
    total: rows.length,
    copied: 0,
    bytesCopied: 0,
    alreadyThere: 0,
    missing: [],
    corrupt: [],
  };
  await eachLimited(rows, CONCURRENCY, async (row) => {
    const ref = { id: row.id, storageKey: row.storageKey };
    if (await alreadyCopied(target, row)) {
      report.alreadyThere++;
      return;
    }
    if (opts.dryRun) {
      if (await source.stat(row.storageKey)) {
        report.copied++;
        report.bytesCopied += row.sizeBytes;
      } else report.missing.push(ref);
      return;
    }
    try {
      const body = await source.read(row.storageKey);
      await target.put(row.storageKey, body, { sha256: row.sha256, sizeBytes: row.sizeBytes });
      report.copied++;
      report.bytesCopied += row.sizeBytes;
    } catch (err) {
      if (err instanceof MissingObjectError) report.missing.push(ref);
      else if (err instanceof ChecksumMismatchError) report.corrupt.push(ref);
      else throw err;
    }
  });
  return report;
}
