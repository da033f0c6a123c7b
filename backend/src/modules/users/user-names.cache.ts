import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { watchChanges } from '../../db/change-feed.js';
import { type Database, queryRows } from '../../db/client.js';
import { cacheLookups } from '../../lib/metrics.js';

/**
 * People's names by id, in memory, for the queue's rows (the queue statement reads the customers'
 * and assignees' ids only: docs/decisions/001-ticket-queries.md). Too many to keep whole (a
 * customer per ten tickets), so the most recently shown are kept, and a page's unknown ids are read
 * in one statement. Dropped on every committed rename or delete of a user, by any process (the
 * trigger of migration 0034, topic `user_names`); never served while the change feed is down.
 */
// ~200 bytes an entry: 20,000 names (770 pages of 26 different people) stay within a few MB,
// which the embedded server's memory budget can spare (bench/README.md targets).
const MAX_NAMES = 20_000;

interface NameCache {
  names: LRUCache<string, string>;
  read: ReturnType<typeof watchChanges>;
}

const caches = new WeakMap<Database, NameCache>();

function cacheOf(database: Database): NameCache {
  let cache = caches.get(database);
  if (!cache) {
    const names = new LRUCache<string, string>({ max: MAX_NAMES });
    const created: NameCache = { names, read: watchChanges(database.changes, 'user_names', () => names.clear()) };
    caches.set(database, created);
    cache = created;
  }
  return cache;
}

/**
 * The names of these users (ids of users that exist; a missing one has no entry). Read through
 * the primary (database.db): a replica's older rows are never cached.
 */
export async function userNames(database: Database, ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
  const { names, read } = cacheOf(database);
  const live = database.changes.live();
  const found = new Map<string, string>();
  const missing = new Set<string>();
  for (const id of ids) {
    const name = live ? names.get(id) : undefined;
    if (name !== undefined) found.set(id, name);
    else missing.add(id);
  }
  cacheLookups.inc({ cache: 'user_names', result: missing.size ? 'miss' : 'hit' });
  if (missing.size === 0) return found;
  const { value: rows, keep } = await read(() =>
    queryRows<{ id: string; name: string }>(
      database.db,
      sql`SELECT id, name FROM users WHERE id = ANY(${sql.param([...missing])}::uuid[])`,
      { prepared: 'user_names' },
    ),
  );
  for (const row of rows) {
    found.set(row.id, row.name);
    if (keep) names.set(row.id, row.name);
  }
  return found;
}
