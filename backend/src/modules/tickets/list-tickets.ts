import type { ListTicketsQuery, TicketListItem } from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import { isStatementTimeout, withStatementTimeout } from '../../db/client.js';
import { AppError, forbidden, validationError } from '../../lib/app-error.js';
import { toTsquerySource } from '../../lib/full-text.js';
import { type Actor, can } from '../auth/actor.js';
import { queueFieldFilters } from '../custom-fields/custom-fields.service.js';
import { canSeeSla } from '../sla/sla.policy.js';
import { loadSlaConfig, slaCells, slaStateFilterSql } from '../sla/sla-clock.service.js';
import { resolveTagFilter } from '../tags/tag-lookup.service.js';
import { canSeeTags } from '../tags/tags.policy.js';
import {
  encodeQueueCursor,
  encodeQueueCursorKeys,
  listQueue,
  type QueueSort,
  queueFilters,
  type TicketListRow,
} from './queue.queries.js';
import { queueNames } from './queue-names.js';
import { findQueuePage } from './search-plan.js';
import { filtersByTags, splitTagSearch, tagFilters, tagWalkAnchor } from './tag-filters.js';
import { type TicketContext, viewerFor } from './ticket-context.js';
import { toListItem } from './tickets.presenter.js';

const searchTooSlow = () =>
  new AppError(
    'SEARCH_TOO_SLOW',
    503,
    'The search took too long; add words or filters to narrow it down, or try again shortly',
  );

/** Beyond this many departments the SLA sort walks the one due-time index of all of them. */
const MAX_DEPARTMENT_WALKS = 20;

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * The departments whose ticket_sla ranges (and custom field values) hold every row the caller
 * may see and asked for:
 * the scope's departments (those asked for among them), or those asked for under a wider scope.
 * Undefined: no such list, or too long to walk one by one. Empty: nothing to see.
 */
function departmentsToWalk(scope: string[] | undefined, asked: string[] | undefined): string[] | undefined {
  let list = asked ? [...new Set(asked)] : scope;
  if (asked && scope) list = list?.filter((id) => scope.includes(id));
  return list && list.length <= MAX_DEPARTMENT_WALKS ? list : undefined;
}

/** The open / closed ranges a per-department walk reads for the status filter. */
const openStates = (query: ListTicketsQuery) =>
  query.status === 'open' ? [true] : query.status === 'closed' ? [false] : [true, false];

/** `GET /api/tickets`: one keyset page of the caller's queue. */
export async function listTickets(
  ctx: TicketContext,
  actor: Actor,
  query: ListTicketsQuery,
): Promise<{ items: TicketListItem[]; nextCursor: string | null }> {
  const viewer = viewerFor(actor);
  // Tags are staff-only: a customer filtering by them would learn them (docs/tags.md).
  if (filtersByTags(query) && !canSeeTags(actor)) throw forbidden('Tags are for staff only');
  let search = query.q?.trim() || undefined;
  let tagsAll = query.tagsAll;
  if (search && canSeeTags(actor)) {
    const { tags, rest } = splitTagSearch(search);
    if (tags.length) tagsAll = [...(tagsAll ?? []), ...tags];
    search = rest || undefined;
  }
  const tagNames = { tagsAny: query.tagsAny, tagsAll, tagsNone: query.tagsNone };
  const resolvedTags = filtersByTags(tagNames) ? await resolveTagFilter(ctx.database, tagNames) : undefined;
  // The departments a per-department walk reads (custom fields, SLA, last activity), when few enough.
  const walkable = departmentsToWalk(viewer.scopeDepartments, query.departmentId);
  const fields = await queueFieldFilters(ctx.database, actor, query.field, {
    departments: walkable,
    open: query.status === 'open' ? true : query.status === 'closed' ? false : undefined,
    rareMatches: ctx.deps.config.fieldFilterRareMatches,
  });
  // Every filter but the custom fields' and the tags', which are added last: a newest-first walk
  // leaves the condition it walks out.
  const filters = queueFilters(actor.id, query);
  // Service levels are staff-only (docs/sla.md), like tags.
  if ((query.sla || query.sort === 'sla_due') && !canSeeSla(actor))
    throw forbidden('Service levels are for staff only');
  const now = ctx.deps.now?.() ?? new Date();
  const joinedFilters = query.sort === 'sla_due' ? [sql`ts.due_at IS NOT NULL`] : undefined;
  // A department's running clocks are one range of idx_ticket_sla_department_due: name the
  // departments the caller sees (and asked for), so the SLA sort and filter read only theirs.
  const slaDepartments = query.sla || query.sort === 'sla_due' ? walkable : undefined;
  if (query.sla) {
    const state = slaStateFilterSql(query.sla, now);
    if (joinedFilters) joinedFilters.push(state);
    else {
      const inDepartments = slaDepartments ? sql`AND ts.department_id IN (${uuidList(slaDepartments)})` : sql``;
      filters.push(sql`EXISTS (SELECT 1 FROM ticket_sla ts WHERE ts.ticket_id = t.id ${inDepartments} AND ${state})`);
    }
  }
  if (query.sort === 'relevance' && !search) {
    throw validationError('Sorting by relevance needs a search', [
      { path: 'querystring.sort', message: 'relevance needs q' },
    ]);
  }
  // No department to walk: the caller sees no SLA row.
  if (slaDepartments?.length === 0) return { items: [], nextCursor: null };
  const order = query.order;
  let sort: QueueSort = query.sort ?? (search ? 'relevance' : 'created_at');
  let tsquery: string | undefined;
  if (search) {
    // `#1042` or `1042` jumps to that ticket when the caller can see it.
    const num = /^#?(\d{1,15})$/.exec(search);
    if (num) {
      const rows = await listQueue(ctx.db, viewer, {
        filters: [
          ...filters,
          ...fields.map((f) => f.condition),
          ...tagFilters(resolvedTags),
          sql`t.number = ${Number(num[1])}`,
        ],
        sort: sort === 'relevance' ? 'created_at' : sort,
        order,
        limit: 1,
      });
      if (rows.length > 0 && !query.cursor) {
        const names = await queueNames(ctx.database, rows, viewer.seesTags === true);
        return { items: rows.map((r) => toListItem(r, names)), nextCursor: null };
      }
      if (search.startsWith('#')) return { items: [], nextCursor: null };
    }
    tsquery = toTsquerySource(search);
    if (!tsquery) return { items: [], nextCursor: null };
  }
  if (!tsquery && sort === 'relevance') sort = 'created_at';
  // Last activity is kept per department and open / closed (decision 027): walk the ranges the
  // caller sees and the status filter asks for (a search walks in its own way). Not for a caller
  // who sees their own tickets: those few are found by customer and sorted.
  const walksDepartments = viewer.scopeDepartments !== undefined || can(actor, 'tickets.view_all');
  const activityDepartments = sort === 'updated_at' && !tsquery && walksDepartments ? walkable : undefined;
  if (activityDepartments?.length === 0) return { items: [], nextCursor: null };
  const activityWalks = activityDepartments && { departments: activityDepartments, open: openStates(query) };
  // Newest first with a tag or a common select option, the same departments: walk that tag's or
  // field's rows of each department in order (migrations 0032, 0033) instead of probing each of the
  // departments' newest tickets for it. A tag first: its rows are one per ticket that has it.
  const newestDepartments = sort === 'created_at' && !tsquery && walksDepartments ? walkable : undefined;
  const walkedTag = newestDepartments ? tagWalkAnchor(resolvedTags) : undefined;
  const walkedField = newestDepartments && walkedTag === undefined ? fields.find((f) => f.walk) : undefined;
  const walkedRows = walkedTag !== undefined ? { tagId: walkedTag } : walkedField?.walk;
  const newestWalk =
    walkedRows && newestDepartments
      ? { ...walkedRows, departments: newestDepartments, open: openStates(query) }
      : undefined;
  if (newestWalk?.departments.length === 0) return { items: [], nextCursor: null };
  const request = {
    filters: [
      ...filters,
      ...fields.filter((f) => f !== walkedField).map((f) => f.condition),
      ...tagFilters(resolvedTags, walkedTag),
    ],
    sort,
    order,
    limit: query.limit,
    cursor: query.cursor,
    tsquery,
    joinedFilters,
    slaDepartments,
    activityWalks,
    newestWalk,
  };
  // A search's cost grows with what it matches; it may run for searchTimeoutMs at most, so
  // one slow search cannot hold pooled connections that every other request needs.
  let rows: TicketListRow[];
  let resumeAfter: string[] | undefined;
  try {
    ({ rows, sort, resumeAfter } = tsquery
      ? await withStatementTimeout(ctx.db, ctx.deps.config.searchTimeoutMs, (dbx) =>
          findQueuePage(ctx.database, ctx.searchSizes, dbx, viewer, request),
        )
      : await findQueuePage(ctx.database, ctx.searchSizes, ctx.db, viewer, request));
  } catch (err) {
    if (isStatementTimeout(err)) throw searchTooSlow();
    throw err;
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  // A search that stopped walking before it found a page goes on after the last ticket it examined.
  const nextCursor =
    rows.length > query.limit && last
      ? encodeQueueCursor(sort, order, last)
      : resumeAfter
        ? encodeQueueCursorKeys(sort, order, resumeAfter)
        : null;
  const sla = viewer.seesSla ? slaCells(await loadSlaConfig(ctx.database), now) : undefined;
  const names = await queueNames(ctx.database, page, viewer.seesTags === true);
  return { items: page.map((row) => toListItem(row, names, sla)), nextCursor };
}
