import { cacheLookups } from '../lib/metrics.js';
import { type CacheTopic, watchChanges } from './change-feed.js';
import type { Database, DbOrTx } from './client.js';

/** Read the snapshot again: always, or when the kept one fails this test. */
export type Fresh<T> = boolean | ((kept: T) => boolean);

/** A `fresh` test: the kept map lacks one of `ids` (a row names what the snapshot has not seen yet). */
export const lacksAny = (known: ReadonlyMap<string, unknown>, ids: readonly string[]) =>
  ids.some((id) => !known.has(id));

/**
 * A few small tables kept whole in memory per process (docs/decisions/002-caches-and-change-feed.md):
 * served while the change feed is live, dropped on every committed change to `topic` (by any
 * process: their triggers announce it), and read again by the next caller. `name` labels the
 * hits and misses on /metrics.
 *
 * Never call it inside a transaction that has changed the cached tables itself: it would keep
 * rows that are not committed (and that a rollback never announces).
 */
export function snapshotCache<T>(topic: CacheTopic, name: string, load: (db: DbOrTx) => Promise<T>) {
  const states = new WeakMap<Database, { value?: T; read: ReturnType<typeof watchChanges> }>();
  const state = (database: Database) => {
    let s = states.get(database);
    if (!s) {
      const created: { value?: T; read: ReturnType<typeof watchChanges> } = {
        read: watchChanges(database.changes, topic, () => {
          created.value = undefined;
        }),
      };
      states.set(database, created);
      s = created;
    }
    return s;
  };
  /**
   * The snapshot, from memory or read with `db`: inside a transaction pass it, as PGlite runs
   * nothing else until the transaction ends. `fresh` reads it again even when memory holds one:
   * always (true), or when the one in memory lacks what a row names (the test returns true; a
   * change whose notice has not arrived yet). A snapshot just read is not tested again.
   */
  return async function get(database: Database, db: DbOrTx = database.db, fresh: Fresh<T> = false): Promise<T> {
    const s = state(database);
    const kept = s.value;
    if (kept !== undefined && database.changes.live() && !(typeof fresh === 'function' ? fresh(kept) : fresh)) {
      cacheLookups.inc({ cache: name, result: 'hit' });
      return kept;
    }
    cacheLookups.inc({ cache: name, result: 'miss' });
    const { value, keep } = await s.read(() => load(db));
    if (keep) s.value = value;
    return value;
  };
}
