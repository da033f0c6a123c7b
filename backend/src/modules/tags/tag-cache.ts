import { snapshotCache } from '../../db/snapshot-cache.js';
import { allTags, type TagRow } from './tags.repository.js';

/** Every tag by id and by lower-case name. */
export interface TagSnapshot {
  byId: ReadonlyMap<string, TagRow>;
  byName: ReadonlyMap<string, TagRow>;
}

/**
 * Every tag in memory, so the queue's tag filter resolves names without a query
 * (docs/decisions/016-perf16-reference-caches.md). Dropped on every committed change to `tags`
 * (created on first use, renamed, merged, deleted: the trigger of migration perf16_reference_caches), by any process.
 * A helpdesk has tens to a few thousand tags; the snapshot is read again after each change.
 */
export const tagSnapshot = snapshotCache<TagSnapshot>('tags', 'tags', async (db) => {
  const rows = await allTags(db);
  return {
    byId: new Map(rows.map((t) => [t.id, t])),
    byName: new Map(rows.map((t) => [t.name.toLowerCase(), t])),
  };
});
