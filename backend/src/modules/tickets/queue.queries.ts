import type { ListTicketsQuery } from '@helpdesk/contract';
import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, plannerEstimate, queryRows } from '../../db/client.js';
import { cursorKey, decodeCursor, encodeCursor, readCursor } from '../../lib/cursor.js';
import { HEADLINE_OPTIONS } from '../../lib/full-text.js';
import { unreadNotificationsOfTicketSql } from '../notifications/notifications.service.js';
import { organisationTicketsSql } from '../organisations/organisations.policy.js';
import { ratingFilterSql } from '../satisfaction/satisfaction-requests.service.js';
import type { SlaViewColumns } from '../sla/sla-clock.service.js';
import { type TicketTagsJson, ticketTagIdsColumn, ticketTagsColumn } from './tag-filters.js';
import { refWhere, type TicketRef } from './tickets.repository.js';

/**
 * The reads of the queue, the detail view and search. They join the names of statuses,
 * priorities, departments and users in the same statement: the one documented exception to
 * "a module's tables are private to it" (docs/decisions/007-module-rules.md), because the queue
 * must stay one statement per page (docs/decisions/001-ticket-queries.md). They only read.
 */

/** Who is reading: decides the scope of the queue and whether internal notes count. */
export interface Viewer {
  id: string;
  seesInternal: boolean;
  /** SQL condition over `t` limiting rows to what the viewer may see. */
  scope: SQL;
  /** The departments `scope` is exactly limited to, when it is (tickets.policy.ts scopeDepartments). */
  scopeDepartments?: string[];
  /** Staff read the tickets' tags (docs/tags.md); customers never do. */
  seesTags?: boolean;
  /** Staff read the tickets' SLA clocks (docs/sla.md); customers never do. */
  seesSla?: boolean;
}

/**
 * A queue row as its statement reads it: ids, dates, counts and the people's names. The names of
 * its status, priority, department and tags come from memory (queue-names.ts): read per row in
 * SQL they were a third of the queue statement's buffers at 1,000,000 tickets.
 */
export interface TicketListRow extends SlaViewColumns {
  id: string;
  number: number;
  subject: string;
  statusId: string;
  priorityId: string;
  departmentId: string;
  customerId: string;
  assigneeId: string | null;
  messageCount: number;
  lastActivityAt: Date | string;
  createdAt: Date | string;
  updatedAt: Date | string;
  closedAt: Date | string | null;
  /** Staff viewers only: the ids of the ticket's tags (null when it has none). */
  tagIds?: string[] | null;
  snippet?: string | null;
  rank?: number | string | null;
  /** Keyset values of this row as text (queue only): sortKey0, sortKey1, sortKey2. */
  sortKey0?: string;
  sortKey1?: string;
  sortKey2?: string;
}

/** One ticket as the detail view reads it: every name in its own statement. */
export interface TicketViewRow extends TicketListRow {
  customerName: string;
  assigneeName: string | null;
  statusName: string;
  statusColor: string;
  statusIsClosed: boolean;
  priorityName: string;
  priorityLevel: number;
  priorityColor: string;
  departmentName: string;
  description: string;
  version: number;
  createdById: string;
  createdByName: string;
  /** findTicketView with `unreadNotifications`: the viewer has unread notifications of the ticket. */
  unreadNotifications?: boolean;
  /** Only with `unreadNotifications`: the ticket it was merged into (issue 17). */
  mergedIntoId?: string | null;
  /** Staff viewers only: json of the ticket's tags (null when it has none). */
  tags?: TicketTagsJson;
}

const visibleMessage = (viewer: Viewer) => (viewer.seesInternal ? sql`` : sql`AND NOT m.is_internal`);

/**
 * The names beside a ticket's ids are read by scalar subqueries, not joins: with seven joined
 * lookups PostgreSQL searched join orders for ~9 ms of every queue page's ~11 (at 1,000,000
 * tickets the queue's plan took 9.2 ms, its run 1.8). A subquery is planned on its own, in
 * microseconds, and a page or a ticket runs each one per row through a primary key (issue 22,
 * docs/decisions/001-ticket-queries.md).
 */
const lookup = (column: string, table: string, id: string) =>
  sql.raw(`(SELECT x.${column} FROM ${table} x WHERE x.id = t.${id})`);

/** What a queue row and a ticket both read: ids, dates, counts, the SLA clock. */
const rowColumns = (viewer: Viewer) => sql`
  t.id, t.number::float8 AS number, t.subject, t.status_id AS "statusId", t.priority_id AS "priorityId",
  t.department_id AS "departmentId", t.customer_id AS "customerId", t.assigned_to_id AS "assigneeId",
  mc.n AS "messageCount", greatest(t.created_at, mc.last) AS "lastActivityAt",
  t.created_at AS "createdAt", t.updated_at AS "updatedAt", t.closed_at AS "closedAt"${
    viewer.seesSla ? slaColumns : sql``
  }`;

/** A queue row: its tags as ids, every name from memory (TicketListRow). */
const listColumns = (viewer: Viewer) =>
  sql`${rowColumns(viewer)}${viewer.seesTags ? sql`, ${ticketTagIdsColumn}` : sql``}`;

/** The detail view's one row: every name joined in SQL, the description and the version. */
const viewColumns = (viewer: Viewer) => sql`${rowColumns(viewer)},
  ${lookup('name', 'users', 'customer_id')} AS "customerName",
  ${lookup('name', 'users', 'assigned_to_id')} AS "assigneeName",
  ${lookup('name', 'ticket_statuses', 'status_id')} AS "statusName",
  ${lookup('color', 'ticket_statuses', 'status_id')} AS "statusColor",
  ${lookup('is_closed', 'ticket_statuses', 'status_id')} AS "statusIsClosed",
  ${lookup('name', 'ticket_priorities', 'priority_id')} AS "priorityName",
  ${lookup('level', 'ticket_priorities', 'priority_id')} AS "priorityLevel",
  ${lookup('color', 'ticket_priorities', 'priority_id')} AS "priorityColor",
  ${lookup('name', 'departments', 'department_id')} AS "departmentName",
  t.description, t.version,
  t.created_by_id AS "createdById", ${lookup('name', 'users', 'created_by_id')} AS "createdByName"${
    viewer.seesTags ? sql`, ${ticketTagsColumn}` : sql``
  }`;

/** A ticket's SLA clock (ticket_sla, owned by the sla module; read by name, decision 007). */
const slaColumns = sql`, sv.terms AS "slaTerms", sv.due_at AS "slaDueAt", sv.due_kind AS "slaDueKind",
  sv.warn_at AS "slaWarnAt", sv.paused_at AS "slaPausedAt", sv.first_response_due_at AS "slaFirstResponseDueAt",
  sv.first_response_at AS "slaFirstResponseAt", sv.resolution_due_at AS "slaResolutionDueAt",
  sv.resolved_at AS "slaResolvedAt"`;

const viewJoins = (viewer: Viewer) => sql`
  ${viewer.seesSla ? sql`LEFT JOIN ticket_sla sv ON sv.ticket_id = t.id` : sql``}
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS n, max(m.created_at) AS last FROM ticket_messages m
    WHERE m.ticket_id = t.id ${visibleMessage(viewer)}
  ) mc ON true`;

/** One ticket as the viewer sees it, or undefined when it is missing or outside their scope. */
export async function findTicketView(
  db: DbOrTx,
  viewer: Viewer,
  ref: TicketRef,
  opts: { ignoreScope?: boolean; unreadNotifications?: boolean } = {},
): Promise<TicketViewRow | undefined> {
  const scope = opts.ignoreScope ? sql`true` : viewer.scope;
  const unread = opts.unreadNotifications
    ? sql`, ${unreadNotificationsOfTicketSql(viewer.id)} AS "unreadNotifications", t.merged_into_id AS "mergedIntoId"`
    : sql``;
  const rows = await queryRows<TicketViewRow>(
    db,
    sql`SELECT ${viewColumns(viewer)}${unread} FROM tickets t ${viewJoins(viewer)} WHERE ${refWhere(ref)} AND ${scope}`,
    { prepared: 'ticket_view' },
  );
  return rows[0];
}

export interface MessageRow {
  id: string;
  body: string;
  isInternal: boolean;
  authorId: string;
  authorName: string;
  authorRole: string;
  createdAt: Date | string;
}

export async function listMessages(db: DbOrTx, viewer: Viewer, ticketId: string): Promise<MessageRow[]> {
  return queryRows<MessageRow>(
    db,
    sql`SELECT m.id, m.body, m.is_internal AS "isInternal", u.id AS "authorId", u.name AS "authorName",
      r.name AS "authorRole", m.created_at AS "createdAt"
    FROM ticket_messages m JOIN users u ON u.id = m.author_id JOIN roles r ON r.id = u.role_id
    WHERE m.ticket_id = ${ticketId}::uuid ${visibleMessage(viewer)}
    ORDER BY m.created_at, m.id`,
    { prepared: 'messages' },
  );
}

export interface HistoryRow {
  id: string;
  action: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  isInternal: boolean;
  actorId: string | null;
  actorName: string | null;
  createdAt: Date | string;
}

export async function listHistory(db: DbOrTx, viewer: Viewer, ticketId: string): Promise<HistoryRow[]> {
  return queryRows<HistoryRow>(
    db,
    sql`SELECT h.id, h.action, h.field, h.old_value AS "oldValue", h.new_value AS "newValue",
      h.is_internal AS "isInternal", u.id AS "actorId", u.name AS "actorName", h.created_at AS "createdAt"
    FROM ticket_history h LEFT JOIN users u ON u.id = h.actor_id
    WHERE h.ticket_id = ${ticketId}::uuid ${viewer.seesInternal ? sql`` : sql`AND NOT h.is_internal`}
    ORDER BY h.created_at, h.id`,
  );
}

// ---------------------------------------------------------------------------------------------
// The queue

export type QueueSort = 'created_at' | 'updated_at' | 'priority' | 'number' | 'relevance' | 'sla_due';

export interface QueueQuery {
  filters: SQL[];
  sort: QueueSort;
  order: 'asc' | 'desc';
  limit: number;
  /** Keyset values of the last row of the previous page, as text. */
  after?: string[];
  /** A to_tsquery('english', …) expression source (already safe), when searching. */
  tsquery?: string;
  /**
   * `rank`: collect every match, rank them, page by the chosen key (for selective searches).
   * `filter`: walk the sort index and keep matching rows (for searches matching very many tickets).
   */
  searchMode?: 'rank' | 'filter';
  /**
   * `rank` mode, for a term the statistics call rare: read its few matches from the search
   * indexes first and apply scope and filters to them, instead of letting the planner combine
   * the search index with a department's or customer's index (which reads that whole range).
   */
  matchesFirst?: boolean;
  /**
   * With matchesFirst: a to_tsquery source of some of the search's words (all must match too)
   * that finds its few candidates through the search indexes, where the whole search would read a
   * common prefix's long posting lists; the whole search then checks those candidates.
   */
  candidatesBy?: string;
  /** `filter` mode: examine at most this many rows (in sort order) before giving up. */
  window?: number;
  /** `filter` mode without a window: walk at most this many rows (in sort order), reading each once. */
  walkLimit?: number;
  /** Sort by priority: the priority ids of each level, most urgent first. */
  priorityLevels?: { level: number; ids: string[] }[];
  /** Conditions over the sort's joined table (`ts` for sla_due), applied to the page only. */
  joinedFilters?: SQL[];
  /**
   * Sort by due time for a caller limited to these departments: one ordered walk of each
   * department's range of idx_ticket_sla_department_due, merged (like priorityLevels), instead of
   * every department's running clocks.
   */
  slaDepartments?: string[];
  /**
   * Sort by last activity for a caller limited to these departments: one ordered walk of each
   * department's open or closed range of idx_ticket_activity_department (`open`: the ranges the
   * status filter asks for), merged.
   */
  activityWalks?: { departments: string[]; open: boolean[] };
  /**
   * Newest first, for a caller limited to these departments, through rows that carry their
   * ticket's department, open state and creation time: one ordered walk of each department's open
   * or closed range, merged. `filters` then leave the walked condition out.
   */
  newestWalk?: NewestWalk;
}

/**
 * The rows a newest-first walk reads (`cw`): a tag's rows of ticket_tags (idx_ticket_tags_walk,
 * migration 0032), or a select field's rows of ticket_field_values having one of `options`, checked
 * in idx_ticket_field_values_walk (migration 0033).
 */
export type NewestWalk = { departments: string[]; open: boolean[] } & (
  | { tagId: string }
  | { fieldId: string; options: string[] }
);

/** The created_at sort's keys as a newest-first walk reads them: the ticket's copies on the walked row. */
const newestWalkKeys = [
  { expr: sql`cw.ticket_created_at`, cast: sql`timestamptz` },
  { expr: sql`cw.ticket_id`, cast: sql`uuid` },
];

/** Sort key expressions (over `t`, `p` and the search rank `r.rank`) and how to cast a cursor value. */
const sortKeys: Record<QueueSort, { expr: SQL; cast: SQL }[]> = {
  created_at: [
    { expr: sql`t.created_at`, cast: sql`timestamptz` },
    { expr: sql`t.id`, cast: sql`uuid` },
  ],
  // Last activity: idx_ticket_activity_updated (updated_at, ticket_id) in order (decision 027).
  updated_at: [
    { expr: sql`ta.updated_at`, cast: sql`timestamptz` },
    { expr: sql`ta.ticket_id`, cast: sql`uuid` },
  ],
  number: [{ expr: sql`t.number`, cast: sql`bigint` }],
  priority: [
    { expr: sql`p.level`, cast: sql`int` },
    { expr: sql`t.created_at`, cast: sql`timestamptz` },
    { expr: sql`t.id`, cast: sql`uuid` },
  ],
  relevance: [
    { expr: sql`r.rank`, cast: sql`real` },
    { expr: sql`t.id`, cast: sql`uuid` },
  ],
  // Running SLA clocks by due time: idx_ticket_sla_due (due_at, ticket_id) in order, or a
  // department's range of idx_ticket_sla_department_due (department_id, due_at, ticket_id).
  sla_due: [
    { expr: sql`ts.due_at`, cast: sql`timestamptz` },
    { expr: sql`ts.ticket_id`, cast: sql`uuid` },
  ],
};

/** The cursor of the page after `last`: the sort, the order and the row's keyset values. */
export function encodeQueueCursor(sort: QueueSort, order: string, last: TicketListRow): string {
  return encodeQueueCursorKeys(
    sort,
    order,
    [last.sortKey0, last.sortKey1, last.sortKey2].map((v) => String(v)),
  );
}

/** The cursor of the page after the row with these keyset values (as text). */
export function encodeQueueCursorKeys(sort: QueueSort, order: string, keys: string[]): string {
  return encodeCursor([sort, order, ...keys.slice(0, sortKeys[sort].length)]);
}

const keyShapes: Record<QueueSort, RegExp[]> = {
  created_at: [cursorKey.timestamp, cursorKey.uuid],
  updated_at: [cursorKey.timestamp, cursorKey.uuid],
  number: [cursorKey.integer],
  priority: [cursorKey.integer, cursorKey.timestamp, cursorKey.uuid],
  relevance: [cursorKey.real, cursorKey.uuid],
  sla_due: [cursorKey.timestamp, cursorKey.uuid],
};

/** The keyset values of a cursor made for this sort and order (400 otherwise). */
export function decodeQueueCursor(cursor: string, sort: QueueSort, order: string): string[] {
  return decodeCursor(cursor, [sort, order, ...keyShapes[sort]]).slice(2);
}

/** The sort a cursor was made for, if it is readable. */
export const peekCursorSort = (cursor: string): string | undefined => readCursor(cursor)?.[0];

/** The queue's filters as conditions over `t` (the scope comes from the Viewer). */
export function queueFilters(viewerId: string, query: ListTicketsQuery): SQL[] {
  const filters: SQL[] = [];
  const ids = (list: string[]) =>
    sql.join(
      list.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
  // closed_at is set exactly when the status is a closed one; the open queue has partial indexes on it.
  if (query.status === 'open') filters.push(sql`t.closed_at IS NULL`);
  else if (query.status === 'closed') filters.push(sql`t.closed_at IS NOT NULL`);
  else if (query.status) filters.push(sql`t.status_id IN (${ids(query.status)})`);
  if (query.departmentId) filters.push(sql`t.department_id IN (${ids(query.departmentId)})`);
  if (query.priorityId) filters.push(sql`t.priority_id IN (${ids(query.priorityId)})`);
  if (query.assignee === 'none') filters.push(sql`t.assigned_to_id IS NULL`);
  else if (query.assignee === 'me') filters.push(sql`t.assigned_to_id = ${viewerId}::uuid`);
  else if (query.assignee) filters.push(sql`t.assigned_to_id = ${query.assignee}::uuid`);
  if (query.customerId) filters.push(sql`t.customer_id = ${query.customerId}::uuid`);
  if (query.rating) filters.push(ratingFilterSql(query.rating));
  if (query.organisationId) filters.push(organisationTicketsSql(query.organisationId));
  if (query.createdFrom) filters.push(sql`t.created_at >= ${query.createdFrom}::timestamptz`);
  if (query.createdTo) filters.push(sql`t.created_at < ${query.createdTo}::timestamptz`);
  if (query.updatedFrom) filters.push(sql`t.updated_at >= ${query.updatedFrom}::timestamptz`);
  if (query.updatedTo) filters.push(sql`t.updated_at < ${query.updatedTo}::timestamptz`);
  return filters;
}

/**
 * The messages of the ticket `alias`, as `m`, read through the ticket_id index alone. OFFSET 0
 * keeps the planner from adding the search index to a per-ticket probe (a BitmapAnd that reads a
 * common word's whole posting list for each ticket: 0.5 ms a probe instead of 0.002 ms).
 */
const messagesOf = (alias: string) =>
  sql`(SELECT m0.* FROM ticket_messages m0 WHERE m0.ticket_id = ${sql.raw(alias)}.id OFFSET 0) m`;

/** The highlighted excerpt: from subject and description, else from the newest visible matching message. */
const snippet = (viewer: Viewer) => sql`CASE WHEN t.search_vector @@ terms.query
    THEN ts_headline('english', t.subject || E'\n' || t.description, terms.query, ${HEADLINE_OPTIONS})
    ELSE (SELECT ts_headline('english', m.body, terms.query, ${HEADLINE_OPTIONS}) FROM ${messagesOf('t')}
          WHERE m.search_vector @@ terms.query ${visibleMessage(viewer)}
          ORDER BY m.created_at DESC LIMIT 1)
  END`;

/** The pieces of a walk of the caller's range in sort order, shared by listQueue and walkEnd. */
function sortWalk(viewer: Viewer, q: QueueQuery) {
  const keys = q.newestWalk && q.sort === 'created_at' ? newestWalkKeys : sortKeys[q.sort];
  // The indexes are built `DESC NULLS LAST` (drizzle's default); naming the same null order lets
  // PostgreSQL read them in order (forwards or backwards) instead of sorting. The keys are NOT NULL.
  // The SLA indexes are ascending with the default null order, and due_at is never null on that
  // page: plain ASC / DESC reads them forwards / backwards.
  const dir =
    q.sort === 'sla_due'
      ? q.order === 'asc'
        ? sql`ASC`
        : sql`DESC`
      : q.order === 'asc'
        ? sql`ASC NULLS FIRST`
        : sql`DESC NULLS LAST`;
  const base: SQL[] = [viewer.scope, ...q.filters];
  const where: SQL[] = [...base, ...(q.joinedFilters ?? [])];
  let keyset: SQL | undefined;
  if (q.after) {
    const left = sql.join(
      keys.map((k) => k.expr),
      sql`, `,
    );
    const right = sql.join(
      keys.map((k, i) => sql`${q.after?.[i]}::${k.cast}`),
      sql`, `,
    );
    keyset = q.order === 'asc' ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
    where.push(keyset);
  }
  const pageKeys = sql.join(
    keys.map((k, i) => sql`${k.expr} AS ${sql.raw(`s${i}`)}`),
    sql`, `,
  );
  const pageOrder = sql.join(
    keys.map((k) => sql`${k.expr} ${dir}`),
    sql`, `,
  );
  const needsPriority = q.sort === 'priority';
  // The SLA sort reads ticket_sla's due-time index and joins each ticket by its primary key.
  const slaJoin = q.sort === 'sla_due' ? sql`JOIN ticket_sla ts ON ts.ticket_id = t.id` : sql``;
  // Last activity is kept beside the ticket (decision 027); the planner walks its index or, for a
  // few tickets (one customer's), sorts them.
  const activityJoin = q.sort === 'updated_at' ? sql`JOIN ticket_activity ta ON ta.ticket_id = t.id` : sql``;
  const joins = sql`${needsPriority ? sql`JOIN ticket_priorities p ON p.id = t.priority_id` : sql``} ${slaJoin} ${activityJoin}`;
  return { keys, dir, base, where, keyset, pageKeys, pageOrder, joins };
}

/**
 * Where a walk that examines `n` rows of the caller's range (in sort order, after `q.after`)
 * stops: the keyset values of the n-th row, as text. Undefined when the range holds fewer rows,
 * so the walk reached its end. An index-only walk of the same range the window reads.
 */
export async function walkEnd(db: DbOrTx, viewer: Viewer, q: QueueQuery, n: number): Promise<string[] | undefined> {
  const { keys, where, pageOrder, joins } = sortWalk(viewer, q);
  // As text, like the cursor columns of a page: a timestamp keeps its microseconds.
  const textKeys = sql.join(
    keys.map((k, i) => sql`${k.expr}::text AS ${sql.raw(`k${i}`)}`),
    sql`, `,
  );
  const [row] = await queryRows<Record<string, string>>(
    db,
    sql`SELECT ${textKeys} FROM tickets t ${joins}
      WHERE ${sql.join(where, sql` AND `)} ORDER BY ${pageOrder} OFFSET ${sql.raw(String(Math.trunc(n) - 1))} LIMIT 1`,
  );
  return row ? keys.map((_k, i) => String(row[`k${i}`])) : undefined;
}

/**
 * One page of the queue (limit + 1 rows, so the caller can tell whether there is more).
 * The page of ids is picked first on the indexed columns; names, counts and snippets are
 * joined for those rows only.
 */
export async function listQueue(db: DbOrTx, viewer: Viewer, q: QueueQuery): Promise<TicketListRow[]> {
  const { keys, dir, base, where, keyset, pageKeys, pageOrder, joins } = sortWalk(viewer, q);
  const orderBy = (prefix: string) =>
    sql.join(
      keys.map((_k, i) => sql`${sql.raw(`${prefix}s${i}`)} ${dir}`),
      sql`, `,
    );
  const cursorCols = sql.join(
    keys.map((_k, i) => sql`${sql.raw(`pg.s${i}`)}::text AS ${sql.raw(`"sortKey${i}"`)}`),
    sql`, `,
  );
  const whereSql = sql.join(where, sql` AND `);
  // Scope and filters are applied before ranking, so only the caller's matches are ranked.
  const baseSql = sql.join(base, sql` AND `);

  if (q.tsquery !== undefined && q.searchMode === 'filter') {
    const matches = (alias: string) => sql`(${sql.raw(alias)}.search_vector @@ terms.query OR EXISTS (
      SELECT 1 FROM ${messagesOf(alias)} WHERE m.search_vector @@ terms.query ${visibleMessage(viewer)}))`;
    const walkedKeys = sql.join(
      keys.map((_k, i) => sql.raw(`w.s${i}`)),
      sql`, `,
    );
    // With a window, only the first `window` rows in sort order are examined (see QueueQuery).
    // The window reads only ids and sort keys, which the department/customer indexes hold, so it
    // is an index-only walk of the caller's own range; the vectors of those rows are read after.
    // A walk reads each row once, vector included, and stops after `walkLimit` rows: a common
    // word missing from the newest tickets costs at most that many rows, not every one back to
    // its first match (docs/decisions/001-ticket-queries.md).
    const page = q.window
      ? sql`SELECT w.* FROM (
          SELECT t.id, ${pageKeys} FROM tickets t
            ${joins}
          WHERE ${whereSql} ORDER BY ${pageOrder} LIMIT ${q.window}
        ) w JOIN tickets tv ON tv.id = w.id CROSS JOIN terms WHERE ${matches('tv')}
        ORDER BY ${orderBy('w.')} LIMIT ${q.limit + 1}`
      : sql`SELECT w.id, ${walkedKeys} FROM (
          SELECT t.id, t.search_vector, ${pageKeys} FROM tickets t
            ${joins}
          WHERE ${whereSql} ORDER BY ${pageOrder} LIMIT ${q.walkLimit ?? sql.raw('ALL')}
        ) w CROSS JOIN terms WHERE ${matches('w')}
        ORDER BY ${orderBy('w.')} LIMIT ${q.limit + 1}`;
    return queryRows<TicketListRow>(
      db,
      sql`WITH terms AS (SELECT to_tsquery('english', ${q.tsquery}) AS query), pg AS (${page})
      SELECT ${listColumns(viewer)}, ${cursorCols}, ts_rank(t.search_vector, terms.query)::float8 AS rank, ${snippet(viewer)} AS snippet
      FROM pg JOIN tickets t ON t.id = pg.id CROSS JOIN terms ${viewJoins(viewer)}
      ORDER BY ${orderBy('pg.')}`,
    );
  }

  if (q.tsquery === undefined) {
    // The limit as a constant, not a parameter: with an unknown LIMIT PostgreSQL's plan for a
    // named statement assumes a large share of rows and keeps re-planning every call.
    const pageLimit = sql.raw(String(Math.trunc(q.limit) + 1));
    let page = sql`SELECT t.id, ${pageKeys} FROM tickets t
          ${joins}
        WHERE ${whereSql}
        ORDER BY ${pageOrder} LIMIT ${pageLimit}`;
    if (q.sort === 'priority' && q.priorityLevels) {
      // One index-ordered branch per priority level (newest first within it), merged: no sort of
      // every matching ticket by a joined column. The keyset applies to the cursor's level only;
      // the levels before it are done and the ones after it start from the top.
      const level = q.after ? Number(q.after[0]) : undefined;
      const branches = q.priorityLevels
        .filter((g) => level === undefined || (q.order === 'asc' ? g.level >= level : g.level <= level))
        .map((g) => {
          const cond =
            level !== undefined && g.level === level
              ? q.order === 'asc'
                ? sql`AND (t.created_at, t.id) > (${q.after?.[1]}::timestamptz, ${q.after?.[2]}::uuid)`
                : sql`AND (t.created_at, t.id) < (${q.after?.[1]}::timestamptz, ${q.after?.[2]}::uuid)`
              : sql``;
          const pids = sql.join(
            g.ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          );
          return sql`(SELECT t.id, ${g.level}::int AS s0, t.created_at AS s1, t.id AS s2 FROM tickets t
            WHERE ${sql.join(base, sql` AND `)} AND t.priority_id IN (${pids}) ${cond}
            ORDER BY t.created_at ${dir}, t.id ${dir} LIMIT ${pageLimit})`;
        });
      if (branches.length === 0) return [];
      page = sql`SELECT * FROM (${sql.join(branches, sql` UNION ALL `)}) b ORDER BY ${orderBy('b.')} LIMIT ${pageLimit}`;
    }
    // A table beside the ticket in sort order, one range per branch, each ticket checked by its
    // primary key (scope and filters) until the page is full; the ranges merged. The LATERAL …
    // LIMIT 1 keeps each a walk: as a join, PostgreSQL multiplies the selectivities of the scope
    // and the filters (which the range's tickets mostly meet anyway), expects a few matches and
    // hashes the whole range instead.
    const walks = (from: SQL, idColumn: SQL, ranges: SQL[][]) => {
      const onTicket = sql`CROSS JOIN LATERAL (SELECT 1 FROM tickets t WHERE t.id = ${idColumn} AND ${baseSql} LIMIT 1) ok`;
      const branches = ranges.map((range) => {
        const conditions = [...range, ...(q.joinedFilters ?? []), ...(keyset ? [keyset] : [])];
        return sql`(SELECT ${idColumn} AS id, ${pageKeys} FROM ${from} ${onTicket}
          WHERE ${conditions.length ? sql.join(conditions, sql` AND `) : sql`true`}
          ORDER BY ${pageOrder} LIMIT ${pageLimit})`;
      });
      return sql`SELECT * FROM (${sql.join(branches, sql` UNION ALL `)}) b ORDER BY ${orderBy('b.')} LIMIT ${pageLimit}`;
    };
    if (q.sort === 'sla_due') {
      // Running clocks in due order: a caller limited to some departments walks each one's range
      // of idx_ticket_sla_department_due; anyone else walks idx_ticket_sla_due.
      const ranges = q.slaDepartments ? q.slaDepartments.map((id) => [sql`ts.department_id = ${id}::uuid`]) : [[]];
      if (ranges.length === 0) return [];
      page = walks(sql`ticket_sla ts`, sql`ts.ticket_id`, ranges);
    }
    if (q.sort === 'updated_at' && q.activityWalks) {
      // Last activity per department and open / closed: one range of idx_ticket_activity_department
      // each (decision 027), instead of every department's tickets in one order.
      const { departments, open } = q.activityWalks;
      const ranges = departments.flatMap((id) =>
        open.map((isOpen) => [sql`ta.department_id = ${id}::uuid`, sql`ta.open = ${isOpen}`]),
      );
      if (ranges.length === 0) return [];
      page = walks(sql`ticket_activity ta`, sql`ta.ticket_id`, ranges);
    }
    if (q.sort === 'created_at' && q.newestWalk) {
      // Newest first with a tag or a common select option: one range of the rows' walk index per
      // department and open / closed.
      const walk = q.newestWalk;
      const [from, rows] =
        'tagId' in walk
          ? [sql`ticket_tags cw`, sql`cw.tag_id = ${walk.tagId}::uuid`]
          : [
              sql`ticket_field_values cw`,
              sql`cw.field_id = ${walk.fieldId}::uuid AND cw.value_options && ${sql.param(walk.options)}::uuid[]`,
            ];
      const ranges = walk.departments.flatMap((id) =>
        walk.open.map((isOpen) => [rows, sql`cw.department_id = ${id}::uuid`, sql`cw.ticket_open = ${isOpen}`]),
      );
      if (ranges.length === 0) return [];
      page = walks(from, sql`cw.ticket_id`, ranges);
    }
    return queryRows<TicketListRow>(
      db,
      sql`WITH pg AS (${page})
      SELECT ${listColumns(viewer)}, ${cursorCols}
      FROM pg JOIN tickets t ON t.id = pg.id ${viewJoins(viewer)}
      ORDER BY ${orderBy('pg.')}`,
      { prepared: 'queue' },
    );
  }

  // OFFSET 0 keeps the planner from pushing the scope into the subquery (see matchesFirst).
  const candidates = q.candidatesBy ? sql`to_tsquery('english', ${q.candidatesBy})` : sql`terms.query`;
  const matchingTickets = q.matchesFirst
    ? sql`(SELECT t0.* FROM tickets t0, terms WHERE t0.search_vector @@ ${candidates} OFFSET 0) t`
    : sql`tickets t`;
  const matchingMessages = q.matchesFirst
    ? sql`(SELECT m0.* FROM ticket_messages m0, terms WHERE m0.search_vector @@ ${candidates} OFFSET 0) m`
    : sql`ticket_messages m`;
  return queryRows<TicketListRow>(
    db,
    sql`WITH terms AS (SELECT to_tsquery('english', ${q.tsquery}) AS query),
    hits AS (
      SELECT t.id, ts_rank(t.search_vector, terms.query) AS rank FROM ${matchingTickets}, terms
      WHERE t.search_vector @@ terms.query AND ${baseSql}
      UNION ALL
      SELECT t.id, ts_rank(m.search_vector, terms.query) * 0.5 FROM ${matchingMessages} JOIN tickets t ON t.id = m.ticket_id, terms
      WHERE m.search_vector @@ terms.query ${visibleMessage(viewer)} AND ${baseSql}
    ),
    r AS (SELECT id, max(rank)::real AS rank FROM hits GROUP BY id),
    pg AS (
      SELECT t.id, r.rank, ${pageKeys} FROM r JOIN tickets t ON t.id = r.id
        ${joins}
      WHERE ${whereSql}
      ORDER BY ${pageOrder} LIMIT ${q.limit + 1}
    )
    SELECT ${listColumns(viewer)}, ${cursorCols}, pg.rank::float8 AS rank, ${snippet(viewer)} AS snippet
    FROM pg JOIN tickets t ON t.id = pg.id CROSS JOIN terms ${viewJoins(viewer)}
    ORDER BY ${orderBy('pg.')}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Search statistics

/** What PostgreSQL's statistics say about a search, before it runs (see estimateSearchMatches). */
export interface SearchEstimate {
  /** The planner's estimate of the matching rows of tickets plus ticket_messages. */
  matches: number;
  /**
   * The estimate the planner gives any word ANALYZE keeps no frequency for: per table, rows ×
   * min(0.5 %, half the lowest frequency it does keep) (tsquery_opr_selec in PostgreSQL's
   * ts_selfuncs.c). Every such word gets the same figure, so this is the level where the
   * statistics stop telling rare words apart.
   */
  untracked: number;
}

/**
 * The planner's estimate of how many rows of tickets plus ticket_messages match the to_tsquery
 * source, from the statistics ANALYZE keeps for `search_vector`. Plans the query, reads nothing.
 * Undefined while either table has no such statistics (never analyzed, or no words yet): the
 * estimate would then be a fixed guess.
 */
export async function estimateSearchMatches(db: DbOrTx, tsquery: string): Promise<SearchEstimate | undefined> {
  // For a tsvector column most_common_elem_freqs ends with the lowest and the highest frequency.
  const [stats] = await queryRows<{ tables: number; untracked: number | null }>(
    db,
    sql`SELECT count(*)::int AS tables, sum(greatest(c.reltuples, 0)
        * least(0.005, s.most_common_elem_freqs[array_length(s.most_common_elem_freqs, 1) - 1] / 2))::float8 AS untracked
      FROM pg_stats s
        JOIN pg_namespace n ON n.nspname = s.schemaname
        JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = s.tablename
      WHERE s.schemaname = current_schema() AND s.attname = 'search_vector'
        AND s.tablename IN ('tickets', 'ticket_messages') AND s.most_common_elems IS NOT NULL`,
  );
  if (!stats || stats.tables < 2) return undefined;
  const matches = await plannerEstimate(
    db,
    sql`SELECT 1 FROM tickets t WHERE t.search_vector @@ to_tsquery('english', ${tsquery})
      UNION ALL
      SELECT 1 FROM ticket_messages m WHERE m.search_vector @@ to_tsquery('english', ${tsquery})`,
  );
  if (!Number.isFinite(matches)) return undefined;
  return { matches, untracked: Number(stats.untracked ?? 0) };
}
