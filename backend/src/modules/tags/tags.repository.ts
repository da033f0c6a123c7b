import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, plannerEstimate, queryRows } from '../../db/client.js';
import { tags, ticketTags } from '../../db/schema/index.js';

export interface TagRow {
  id: string;
  name: string;
  color: string | null;
}

const tagColumns = { id: tags.id, name: tags.name, color: tags.color };

/** Autocomplete: names starting with `q` first, then names containing it; by name. */
export async function searchTags(db: DbOrTx, q: string, limit: number): Promise<TagRow[]> {
  const needle = q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return queryRows<TagRow>(
    db,
    sql`SELECT id, name, color FROM tags
      WHERE lower(name) LIKE ${`%${needle}%`}
      ORDER BY (lower(name) LIKE ${`${needle}%`}) DESC, lower(name), id
      LIMIT ${limit}`,
  );
}

/** Every tag (for the in-process snapshot, tag-cache.ts). */
export async function allTags(db: DbOrTx): Promise<TagRow[]> {
  return queryRows<TagRow>(db, sql`SELECT id, name, color FROM tags`);
}

/** The tags with these names (compared ignoring case). */
export async function findTagsByNames(db: DbOrTx, names: readonly string[]): Promise<TagRow[]> {
  if (names.length === 0) return [];
  return queryRows<TagRow>(
    db,
    sql`SELECT id, name, color FROM tags WHERE lower(name) IN (${sql.join(
      names.map((n) => sql`lower(${n})`),
      sql`, `,
    )})`,
  );
}

export async function findTag(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<TagRow | undefined> {
  const query = db.select(tagColumns).from(tags).where(eq(tags.id, id));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  return row;
}

/** Creates the tag unless one with the same name (ignoring case) exists; returns the tag either way. */
export async function findOrInsertTag(db: DbOrTx, name: string, color: string | null): Promise<TagRow> {
  await db.execute(
    sql`INSERT INTO tags (name, color) VALUES (${name}, ${color}) ON CONFLICT ((lower(name))) DO NOTHING`,
  );
  const [row] = await findTagsByNames(db, [name]);
  if (!row) throw new Error('tag not created');
  return row;
}

/** True when the ticket did not have the tag yet. */
export async function addTicketTag(db: DbOrTx, ticketId: string, tagId: string, userId: string): Promise<boolean> {
  const rows = await db
    .insert(ticketTags)
    .values({ ticketId, tagId, createdById: userId })
    .onConflictDoNothing()
    .returning({ tagId: ticketTags.tagId });
  return rows.length > 0;
}

/** True when the ticket had the tag. */
export async function removeTicketTag(db: DbOrTx, ticketId: string, tagId: string): Promise<boolean> {
  const rows = await db
    .delete(ticketTags)
    .where(and(eq(ticketTags.ticketId, ticketId), eq(ticketTags.tagId, tagId)))
    .returning({ tagId: ticketTags.tagId });
  return rows.length > 0;
}

/** The ticket's tags, by name. */
export async function tagsOfTicket(db: DbOrTx, ticketId: string): Promise<TagRow[]> {
  return queryRows<TagRow>(
    db,
    sql`SELECT tg.id, tg.name, tg.color FROM ticket_tags tt JOIN tags tg ON tg.id = tt.tag_id
      WHERE tt.ticket_id = ${ticketId}::uuid ORDER BY lower(tg.name), tg.id`,
  );
}

/** Every tag with the number of tickets carrying it (an index-only count per tag), by name. */
export async function listTagsWithUsage(db: DbOrTx): Promise<(TagRow & { ticketCount: number })[]> {
  return queryRows(
    db,
    sql`SELECT tg.id, tg.name, tg.color,
        (SELECT count(*) FROM ticket_tags tt WHERE tt.tag_id = tg.id)::int AS "ticketCount"
      FROM tags tg ORDER BY lower(tg.name), tg.id`,
  );
}

export async function updateTag(db: DbOrTx, id: string, changes: { name?: string; color?: string | null }) {
  const [row] = await db
    .update(tags)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(tags.id, id))
    .returning(tagColumns);
  return row;
}

/** The tickets of `fromId` get `intoId` (kept once where they had both); `fromId` is deleted. Returns tickets moved. */
export async function mergeTag(db: DbOrTx, fromId: string, intoId: string): Promise<number> {
  const moved = await queryRows<{ n: number }>(
    db,
    sql`WITH moved AS (
        INSERT INTO ticket_tags (ticket_id, tag_id, created_at, created_by_id)
        SELECT ticket_id, ${intoId}::uuid, created_at, created_by_id FROM ticket_tags WHERE tag_id = ${fromId}::uuid
        ON CONFLICT DO NOTHING RETURNING 1
      ) SELECT count(*)::int AS n FROM moved`,
  );
  await deleteTag(db, fromId);
  return moved[0]?.n ?? 0;
}

/** Deletes the tag; its ticket_tags rows go with it (ON DELETE CASCADE). */
export async function deleteTag(db: DbOrTx, id: string): Promise<void> {
  await db.delete(tags).where(eq(tags.id, id));
}

/**
 * The planner's estimate of the tickets carrying the tag, from ANALYZE's statistics of ticket_tags
 * (plans the query, reads nothing). The bound id is folded into the plan like a literal.
 */
export async function estimateTicketsOfTag(db: DbOrTx, tagId: string): Promise<number> {
  const rows = await plannerEstimate(db, sql`SELECT 1 FROM ticket_tags WHERE tag_id = ${tagId}::uuid`);
  return Number.isFinite(rows) ? rows : Number.POSITIVE_INFINITY;
}
