import { normaliseTagName, type Tag } from '@helpdesk/contract';
import { type SQL, sql } from 'drizzle-orm';

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
 * The ids of the named tags, looked up once per statement (an InitPlan); the semi-join on
 * ticket_tags then probes its primary key (ticket_id, tag_id) per ticket in the queue's order, or
 * reads the (tag_id, ticket_id) index, whichever the planner finds cheaper.
 */
const tagIds = (names: readonly string[]) =>
  sql`ARRAY(SELECT tg.id FROM tags tg WHERE lower(tg.name) IN (${sql.join(
    names.map((n) => sql`lower(${n})`),
    sql`, `,
  )}))`;

const hasAnyOf = (names: readonly string[]) =>
  sql`EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = t.id AND tt.tag_id = ANY(${tagIds(names)}))`;

export interface TagFilter {
  tagsAny?: readonly string[];
  tagsAll?: readonly string[];
  tagsNone?: readonly string[];
}

/** Conditions over `t`: any of, each of, none of the named tags (names are matched ignoring case). */
export function tagFilters(filter: TagFilter): SQL[] {
  const out: SQL[] = [];
  if (filter.tagsAny?.length) out.push(hasAnyOf(filter.tagsAny));
  for (const name of new Set(filter.tagsAll ?? [])) out.push(hasAnyOf([name]));
  if (filter.tagsNone?.length) out.push(sql`NOT ${hasAnyOf(filter.tagsNone)}`);
  return out;
}

/** True when the query filters by tags at all (staff only). */
export const filtersByTags = (filter: TagFilter) =>
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
