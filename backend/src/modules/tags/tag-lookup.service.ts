import { LRUCache } from 'lru-cache';
import type { Database, DbOrTx } from '../../db/client.js';
import { tagSnapshot } from './tag-cache.js';

// The tickets module names a queue row's tags from the same snapshot.
export { tagSnapshot };

import * as repo from './tags.repository.js';

/**
 * The queue's tag filter, resolved before its statement runs (docs/decisions/013-tags.md): the
 * tags' ids, and which tags are rare enough that the queue should start from their tickets
 * (the (tag_id, ticket_id) index) instead of walking its sort order and probing each ticket.
 * Read-only and apart from tags.service so that the tickets module can use it without a cycle
 * (tags.service uses tickets.service), like users/user-lookup.service.ts.
 */

/** A tag on fewer tickets than this (by the statistics) is read from its index first. */
const RARE_TAG_TICKETS = 2000;

/** Estimates by tag id: they change only when ticket_tags is analyzed. Per process, bounded. */
const estimates = new LRUCache<string, number>({ max: 1000, ttl: 5 * 60_000 });

async function ticketsOf(db: DbOrTx, tagId: string): Promise<number> {
  const known = estimates.get(tagId);
  if (known !== undefined) return known;
  const estimate = await repo.estimateTicketsOfTag(db, tagId);
  estimates.set(tagId, estimate);
  return estimate;
}

/** The tags of these names (compared ignoring case), as stored; unknown names are left out. */
export const findTagsNamed = (db: DbOrTx, names: readonly string[]) => repo.findTagsByNames(db, names);

export interface TagFilterNames {
  tagsAny?: readonly string[];
  tagsAll?: readonly string[];
  tagsNone?: readonly string[];
}

export interface ResolvedTagFilter {
  /** A named tag that must be present does not exist: nothing matches. */
  matchesNothing: boolean;
  /** Tickets with any of these tags; `rare`: read them from the tag index first. */
  any?: { ids: string[]; rare: boolean };
  /** Tickets with each of these tags. */
  all: { id: string; rare: boolean }[];
  /** Tickets with none of these tags. */
  none: string[];
}

/**
 * The ids and rarity of the named tags (names compared ignoring case; unknown ones dropped), from
 * the in-process snapshot of the tags (tag-cache.ts) and cached statistics: no query per request.
 */
export async function resolveTagFilter(database: Database, names: TagFilterNames): Promise<ResolvedTagFilter> {
  const db = database.db;
  const { byName } = await tagSnapshot(database);
  const ids = (list: readonly string[] = []) => [
    ...new Set(list.flatMap((n) => byName.get(n.toLowerCase())?.id ?? [])),
  ];
  const result: ResolvedTagFilter = { matchesNothing: false, all: [], none: ids(names.tagsNone) };
  if (names.tagsAny?.length) {
    const anyIds = ids(names.tagsAny);
    if (anyIds.length === 0) result.matchesNothing = true;
    let total = 0;
    for (const id of anyIds) total += await ticketsOf(db, id);
    result.any = { ids: anyIds, rare: total < RARE_TAG_TICKETS };
  }
  const allIds = ids(names.tagsAll);
  if (allIds.length < new Set((names.tagsAll ?? []).map((n) => n.toLowerCase())).size) result.matchesNothing = true;
  const counts = await Promise.all(allIds.map(async (id) => ({ id, n: await ticketsOf(db, id) })));
  // Only the rarest one is read first; the others are probed per ticket.
  const rarest = counts.reduce<{ id: string; n: number } | undefined>((a, b) => (a && a.n <= b.n ? a : b), undefined);
  result.all = counts.map(({ id }) => ({ id, rare: id === rarest?.id && rarest.n < RARE_TAG_TICKETS }));
  return result;
}
