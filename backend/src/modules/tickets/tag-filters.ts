import { normaliseTagName, type Tag } from '@helpdesk/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { ResolvedTagFilter, TagFilterNames } from '../tags/tag-lookup.service.js';

/**
 * The tags inside the queue's reads: filters and the tags column. They read the tags module's
 * tables by name in SQL, like the queue's other joins (the documented exception of
 * docs/decisions/007-module-rules.md; docs/decisions/013-tags.md): the queue stays one statement.
 */

export type TicketTagsJson = Tag[] | string | null;

/** The ticket's tags as a json array (null when none), sorted by name. */
export const ticketTagsColumn = sql`(SELECT json_agg(json_build_object('id', tg.id, 'name', tg.name, 'color', tg.color)
    ORDER BY lower(tg.name)) FROM ticket_tags tt JOIN tags tg ON tg.id = tt.tag_id WHERE tt.ticket_id = t.id) AS tags`;

const idList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** Probed per ticket, in the queue's order: through ticket_tags' primary key (ticket_id, tag_id). */
const hasAnyOf = (ids: readonly string[]) =>
  sql`EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = t.id AND tt.tag_id IN (${idList(ids)}))`;

/** For a rare tag: its tickets read from the (tag_id, ticket_id) index first, then scoped and sorted. */
const amongTicketsOf = (ids: readonly string[]) =>
  sql`t.id IN (SELECT tt.ticket_id FROM ticket_tags tt WHERE tt.tag_id IN (${idList(ids)}))`;

/**
 * Conditions over `t` for the resolved tag filter (tags/tag-lookup.service.ts): any of, each of,
 * none of. `planEachTime`: a rare tag's condition is only read index-first when PostgreSQL plans
 * the statement with its values, so the queue must not reuse a generic plan for it.
 */
export function tagFilters(filter: ResolvedTagFilter | undefined): { filters: SQL[]; planEachTime: boolean } {
  if (!filter) return { filters: [], planEachTime: false };
  if (filter.matchesNothing) return { filters: [sql`false`], planEachTime: false };
  const filters: SQL[] = [];
  let planEachTime = false;
  if (filter.any) {
    filters.push(filter.any.rare ? amongTicketsOf(filter.any.ids) : hasAnyOf(filter.any.ids));
    planEachTime ||= filter.any.rare;
  }
  for (const { id, rare } of filter.all) {
    filters.push(rare ? amongTicketsOf([id]) : hasAnyOf([id]));
    planEachTime ||= rare;
  }
  if (filter.none.length) filters.push(sql`NOT ${hasAnyOf(filter.none)}`);
  return { filters, planEachTime };
}

/** True when the query filters by tags at all (staff only). */
export const filtersByTags = (filter: TagFilterNames) =>
  !!(filter.tagsAny?.length || filter.tagsAll?.length || filter.tagsNone?.length);

/**
 * `tag:billing` and `tag:"two words"` in a search: the tag names, and the search without them.
 * Names are normalised like stored ones; an empty `tag:` stays search text.
 */
export function splitTagSearch(search: string): { tags: string[]; rest: string } {
  const tags: string[] = [];
  const rest = search.replace(
    /(^|\s)tag:(?:"([^"]*)"|([^\s"]+))/gi,
    (whole, lead: string, quoted?: string, bare?: string) => {
      const name = normaliseTagName(quoted ?? bare ?? '').replaceAll(',', '');
      if (!name) return whole;
      tags.push(name);
      return lead;
    },
  );
  return { tags, rest: rest.trim().replace(/\s+/g, ' ') };
}
