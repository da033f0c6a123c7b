import { LRUCache } from 'lru-cache';
import type { Database, DbOrTx } from '../../db/client.js';
import * as statuses from '../statuses/statuses.service.js';
import {
  decodeQueueCursor,
  estimateSearchMatches,
  listQueue,
  peekCursorSort,
  type QueueQuery,
  type QueueSort,
  type TicketListRow,
  type Viewer,
  walkEnd,
} from './queue.queries.js';

/**
 * How a page of the queue is read: plain, or for a search one of three paths chosen from
 * PostgreSQL's statistics (rank every match, try a window of the newest tickets first, or walk the
 * sort index). The figures behind the constants: docs/decisions/001-ticket-queries.md.
 */

/** A search first examines this many tickets in sort order (the window). */
const SEARCH_WINDOW = 2000;
/**
 * A search that walks the sort index examines at most this many tickets per page. When they hold
 * less than a page of matches, the page is short and its cursor continues after the last ticket
 * examined, so no request walks far back for a common word missing from the newest tickets.
 */
const SEARCH_WALK_LIMIT = 5000;
/** A search expected to match fewer rows (tickets plus messages) than this is ranked at once. */
const RARE_SEARCH_MATCHES = 5000;
/** An estimate within this factor of the planner's figure for untracked words counts as rare too. */
const UNTRACKED_MARGIN = 1.5;
/** A search expected to match more rows than this is never ranked: it walks the sort index. */
const MAX_RANKED_MATCHES = 10_000;
/** How long, and for how many terms, a verdict on a search's size is kept (per process). */
const SIZE_VERDICT_MAX_AGE_MS = 5 * 60_000;
const SIZE_VERDICTS_KEPT = 1_000;

/**
 * What the statistics say about how many rows a search matches: `few` are ranked at once, `many`
 * try the window first and are ranked when it finds less than a page, `too-many` are never ranked.
 * Undefined without statistics (behaves like `many`).
 */
type SearchSize = 'few' | 'many' | 'too-many';

/** Verdicts by tsquery, kept per service: statistics change only when the tables are analyzed. */
export type SizeVerdicts = LRUCache<string, SearchSize>;

export const newSizeVerdicts = (): SizeVerdicts =>
  new LRUCache({ max: SIZE_VERDICTS_KEPT, ttl: SIZE_VERDICT_MAX_AGE_MS });

async function searchSize(sizeVerdicts: SizeVerdicts, dbx: DbOrTx, tsquery: string): Promise<SearchSize | undefined> {
  const known = sizeVerdicts.get(tsquery);
  if (known) return known;
  const estimate = await estimateSearchMatches(dbx, tsquery);
  // No statistics yet (a new or small helpdesk): ask again next time, they may exist by then.
  if (!estimate) return undefined;
  const size: SearchSize =
    estimate.matches < RARE_SEARCH_MATCHES || estimate.matches <= estimate.untracked * UNTRACKED_MARGIN
      ? 'few'
      : estimate.matches > MAX_RANKED_MATCHES
        ? 'too-many'
        : 'many';
  sizeVerdicts.set(tsquery, size);
  return size;
}

/**
 * For several words whose last one (always a prefix) matches many rows: the other words, when the
 * statistics call them rare. The search indexes find their few matches without reading the
 * prefix's posting lists, which for a common prefix cost more than everything else (every entry
 * it expands to, read whole). Undefined for one word, a rare prefix, or no statistics.
 */
async function candidateWords(sizeVerdicts: SizeVerdicts, dbx: DbOrTx, tsquery: string): Promise<string | undefined> {
  // toTsquerySource joins the words with ' & ' and makes the last one a prefix (`word:*`).
  const terms = tsquery.split(' & ');
  const prefix = terms.pop();
  if (!prefix || terms.length === 0) return undefined;
  const prefixSize = await searchSize(sizeVerdicts, dbx, prefix);
  if (prefixSize === undefined || prefixSize === 'few') return undefined;
  const others = terms.join(' & ');
  return (await searchSize(sizeVerdicts, dbx, others)) === 'few' ? others : undefined;
}

export interface PageRequest {
  filters: QueueQuery['filters'];
  sort: QueueSort;
  order: 'asc' | 'desc';
  limit: number;
  cursor: string | undefined;
  /** The to_tsquery source of a search. */
  tsquery: string | undefined;
  /** Conditions over the sort's joined table (QueueQuery.joinedFilters). */
  joinedFilters?: QueueQuery['joinedFilters'];
  /** The departments whose running clocks the due-time sort walks (QueueQuery.slaDepartments). */
  slaDepartments?: QueueQuery['slaDepartments'];
  /** The ranges the last-activity sort walks (QueueQuery.activityWalks). */
  activityWalks?: QueueQuery['activityWalks'];
  /** The ranges the newest-first sort walks (QueueQuery.newestWalk). */
  newestWalk?: QueueQuery['newestWalk'];
}

export interface QueuePage {
  /** Up to limit + 1 rows: one more than the page means there is more. */
  rows: TicketListRow[];
  /** The sort they are in: a dense search changes it. */
  sort: QueueSort;
  /**
   * A walk that stopped at SEARCH_WALK_LIMIT with less than a page: the keyset values of the last
   * ticket it examined, where the next page goes on.
   */
  resumeAfter?: string[];
}

/**
 * Walks the caller's range in sort order keeping the matches, examining at most SEARCH_WALK_LIMIT
 * tickets: a full page, or the matches among them and where the walk stopped.
 */
async function boundedWalk(dbx: DbOrTx, viewer: Viewer, q: QueueQuery): Promise<Omit<QueuePage, 'sort'>> {
  const rows = await listQueue(dbx, viewer, { ...q, searchMode: 'filter', walkLimit: SEARCH_WALK_LIMIT });
  if (rows.length > q.limit) return { rows };
  return { rows, resumeAfter: await walkEnd(dbx, viewer, q, SEARCH_WALK_LIMIT) };
}

/** The page's rows (limit + 1), the sort they are in, and where a bounded walk stopped. */
export async function findQueuePage(
  database: Database,
  sizeVerdicts: SizeVerdicts,
  dbx: DbOrTx,
  viewer: Viewer,
  request: PageRequest,
): Promise<QueuePage> {
  // What every read of the page shares: the request but its cursor and sort, which each read sets.
  const { cursor, sort: askedSort, ...base } = request;
  const { order, limit, tsquery } = base;
  let sort = askedSort;
  let rows: TicketListRow[] | undefined;
  let resumeAfter: string[] | undefined;
  // Asked only on the paths that need it (an estimate is a query until its verdict is cached).
  let sizeVerdict: Promise<SearchSize | undefined> | undefined;
  const size = () => (sizeVerdict ??= tsquery ? searchSize(sizeVerdicts, dbx, tsquery) : Promise.resolve(undefined));
  if (tsquery) {
    // Ranking costs time per match, so a search that matches densely walks the sort index
    // instead (relevance then falls back to newest first). A term the statistics call rare skips
    // that attempt and is ranked at once; one they call too common to rank walks the index
    // without a window.
    const walked = sort === 'relevance' ? 'created_at' : sort;
    const cursorSort = cursor ? peekCursorSort(cursor) : undefined;
    if (sort === 'relevance' && cursorSort === 'created_at') {
      sort = 'created_at';
      const after = decodeQueueCursor(cursor ?? '', sort, order);
      ({ rows, resumeAfter } = await boundedWalk(dbx, viewer, { ...base, sort, after }));
    } else if (walked !== 'priority' && (sort !== 'relevance' || !cursor) && (await size()) === 'too-many') {
      // (Sorting by priority has no index order to walk; it is ranked like any other term.)
      sort = walked;
      const after = cursor ? decodeQueueCursor(cursor, sort, order) : undefined;
      ({ rows, resumeAfter } = await boundedWalk(dbx, viewer, { ...base, sort, after }));
    } else if ((sort !== 'relevance' || !cursor) && (await size()) !== 'few') {
      const after = cursor ? decodeQueueCursor(cursor, walked, order) : undefined;
      // "Dense" must not depend on a tiny page size: ask for at least 25 matches.
      const probe = Math.max(limit, 25);
      const attempt = await listQueue(dbx, viewer, {
        ...base,
        limit: probe,
        sort: walked,
        after,
        searchMode: 'filter',
        window: SEARCH_WINDOW,
      });
      if (attempt.length > probe) {
        sort = walked;
        rows = attempt.slice(0, limit + 1);
      }
    }
  }
  if (!rows) {
    const after = cursor ? decodeQueueCursor(cursor, sort, order) : undefined;
    const levels =
      sort === 'priority' && !tsquery
        ? // From the cache kept exact by the primary's change feed, never through `dbx`: that may be a
          // replica, whose older rows would then stay cached.
          statuses.priorityLevels(await statuses.referenceData(database))
        : undefined;
    if (levels && order === 'asc') levels.reverse();
    const matchesFirst = tsquery !== undefined && (await size()) === 'few';
    rows = await listQueue(dbx, viewer, {
      ...base,
      sort,
      after,
      searchMode: 'rank',
      priorityLevels: levels,
      matchesFirst,
      candidatesBy: matchesFirst && tsquery ? await candidateWords(sizeVerdicts, dbx, tsquery) : undefined,
    });
  }
  return { rows, sort, resumeAfter };
}
