import { LRUCache } from 'lru-cache';
import { watchChanges } from '../../db/change-feed.js';
import type { Database } from '../../db/client.js';
import { cacheLookups } from '../../lib/metrics.js';
import type { ActorRow } from './auth.repository.js';

/**
 * Signed-in sessions by token hash, so that a request does not pay a database lookup to learn
 * who is asking (half the work of a polling request). An entry is dropped on every committed
 * change to users, roles, department members or sessions (the change feed, from any process),
 * and never served while the feed is down; absolute and idle expiry are checked on every use.
 */
interface SessionCache {
  get(tokenHash: string, idleMinutes: number): ActorRow | undefined;
  /** `read` runs the lookup; its answer is kept unless a change arrived while it ran. */
  load(tokenHash: string, read: () => Promise<ActorRow | undefined>): Promise<ActorRow | undefined>;
  /** Records that the session's last_seen_at was written. */
  touched(tokenHash: string, at: Date): void;
}

const MAX_ENTRIES = 10_000;
// A safety net only: the change feed drops entries as soon as something changes.
const MAX_AGE_MS = 60_000;

interface Entry {
  row: ActorRow;
}

const caches = new WeakMap<Database, SessionCache>();

export function sessionCache(database: Database): SessionCache {
  let cache = caches.get(database);
  if (!cache) {
    cache = createSessionCache(database);
    caches.set(database, cache);
  }
  return cache;
}

function createSessionCache(database: Database): SessionCache {
  // The least recently used session goes when it is full; an entry expires MAX_AGE_MS after it was stored.
  const entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES, ttl: MAX_AGE_MS });
  const readFresh = watchChanges(database.changes, 'auth', () => entries.clear());

  return {
    get(tokenHash, idleMinutes) {
      const entry = database.changes.live() ? entries.get(tokenHash) : undefined;
      if (!entry) {
        cacheLookups.inc({ cache: 'session', result: 'miss' });
        return undefined;
      }
      const now = Date.now();
      const { row } = entry;
      const expired =
        (row.expiresAt && row.expiresAt.getTime() <= now) ||
        (row.lastSeenAt && row.lastSeenAt.getTime() <= now - idleMinutes * 60_000);
      if (expired) {
        entries.delete(tokenHash);
        cacheLookups.inc({ cache: 'session', result: 'miss' });
        return undefined;
      }
      cacheLookups.inc({ cache: 'session', result: 'hit' });
      return row;
    },
    async load(tokenHash, read) {
      const { value: row, keep } = await readFresh(read);
      if (row && keep) entries.set(tokenHash, { row });
      return row;
    },
    touched(tokenHash, at) {
      const entry = entries.peek(tokenHash);
      if (entry) entry.row = { ...entry.row, lastSeenAt: at };
    },
  };
}
