import { normaliseTagName, type Tag } from '@helpdesk/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { ResolvedTagFilter, TagFilterNames } from '../tags/tag-lookup.service.js';
import { amongTickets } from './tickets.policy.js';

/**
 * The tags inside the queue's reads: filters and the tags column. They read the tags module's
 * tables by name in SQL, like the queue's other joins (the documented exception of
 * docs/decisions/007-module-rules.md; docs/decisions/013-tags.md): the queue stays one statement.
 */

export type TicketTagsJson = Tag[] | string | null;

/** The ticket's tags as a json array (null when none), sorted by name. */
export const ticketTagsColumn = sql`(SELECT json_agg(json_build_object('id', tg.id, 'name', tg.name, 'color', tg.color)
    ORDER BY lower(tg.name)) FROM ticket_tags tt JOIN tags tg ON tg.id = tt.tag_id WHERE tt.ticket_id = t.id) AS tags`;

/**
 * The queue's tags column: the ticket's tag ids (null when none), read index-only from ticket_tags'
 * primary key; their names and colours come from the tags snapshot (queue-names.ts).
 */
export const ticketTagIdsColumn = sql`(SELECT array_agg(tt.tag_id::text) FROM ticket_tags tt WHERE tt.ticket_id = t.id) AS "tagIds"`;

/** The ids as one array parameter: the statement's text is the same for any number of tags. */
const idArray = (ids: readonly string[]) => sql`${sql.param([...ids])}::uuid[]`;

/**
 * Probed per ticket, in the queue's order, through ticket_tags' primary key (ticket_id, tag_id).
 * OFFSET 0 keeps it a probe: PostgreSQL does not turn it into a join, so the plan does not depend
 * on how common it guesses the tags are (the statement is named and planned once per connection).
 */
const hasAnyOf = (ids: readonly string[]) =>
  sql`EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = t.id AND tt.tag_id = ANY(${idArray(ids)}) OFFSET 0)`;

/**
 * For a rare tag: its tickets read first from the (tag_id, ticket_id) index, once per statement,
 * then joined to the queue's scope by id (tickets_pkey, or a hash of the scope's own index), and
 * sorted (amongTickets in tickets.policy.ts). The ids go in through a sub-select so that no plan is
 * made for particular tags: the named statement keeps one generic plan.
 */
const amongTicketsOf = (ids: readonly string[]) =>
  amongTickets(sql`SELECT tt.ticket_id FROM ticket_tags tt WHERE tt.tag_id = ANY((SELECT ${idArray(ids)})::uuid[])`);

/**
 * Conditions over `t` for the resolved tag filter (tags/tag-lookup.service.ts): any of, each of,
 * none of. Which shape a tag gets (probe per ticket, or its tickets first) is chosen here from
 * the statistics, not by the planner, so the queue's statement keeps one plan for each shape.
 * `walked`: the tag the queue walks (tagWalkAnchor), whose condition the walk itself is.
 */
export function tagFilters(filter: ResolvedTagFilter | undefined, walked?: string): SQL[] {
  if (!filter) return [];
  if (filter.matchesNothing) return [sql`false`];
  const filters: SQL[] = [];
  const anyIsWalked = filter.any?.ids.length === 1 && filter.any.ids[0] === walked;
  if (filter.any && !anyIsWalked)
    filters.push(filter.any.rare ? amongTicketsOf(filter.any.ids) : hasAnyOf(filter.any.ids));
  for (const { id, rare } of filter.all) {
    if (id !== walked) filters.push(rare ? amongTicketsOf([id]) : hasAnyOf([id]));
  }
  if (filter.none.length) filters.push(sql`NOT ${hasAnyOf(filter.none)}`);
  return filters;
}

/**
 * The one tag every match carries, which a newest-first queue can walk (idx_ticket_tags_walk):
 * the rarest of "each of", else the only one of "any of". Undefined when there is none.
 */
export function tagWalkAnchor(filter: ResolvedTagFilter | undefined): string | undefined {
  if (!filter || filter.matchesNothing) return undefined;
  if (filter.all.length) return (filter.all.find((a) => a.rare) ?? filter.all[0])?.id;
  return filter.any?.ids.length === 1 ? filter.any.ids[0] : undefined;
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
