import type { ArticleStatus, ArticleVisibility } from '@helpdesk/contract';
import { and, arrayContains, asc, desc, eq, inArray, ne, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import {
  kbArticles,
  kbArticleVersions,
  kbCategories,
  kbImages,
  kbSlugRedirects,
  kbSuggestionOpens,
  kbVotes,
} from '../../db/schema/index.js';
import { HEADLINE_OPTIONS } from '../../lib/full-text.js';

export type ArticleRow = typeof kbArticles.$inferSelect;
export type CategoryRow = typeof kbCategories.$inferSelect;
export type VersionRow = typeof kbArticleVersions.$inferSelect;
export type ImageRow = typeof kbImages.$inferSelect;

/** Which articles a reader may list: all (staff), or published ones of these visibilities. */
export interface ArticleFilter {
  visibilities: ArticleVisibility[];
  /** Staff may ask for one status; others always get published articles. */
  status?: ArticleStatus;
  categoryId?: string;
  tag?: string;
}

function where(f: ArticleFilter): SQL | undefined {
  return and(
    inArray(kbArticles.visibility, f.visibilities),
    f.status ? eq(kbArticles.status, f.status) : undefined,
    f.categoryId ? eq(kbArticles.categoryId, f.categoryId) : undefined,
    f.tag ? arrayContains(kbArticles.tags, [f.tag]) : undefined,
  );
}

const summaryColumns = {
  id: kbArticles.id,
  title: kbArticles.title,
  slug: kbArticles.slug,
  categoryId: kbArticles.categoryId,
  tags: kbArticles.tags,
  status: kbArticles.status,
  visibility: kbArticles.visibility,
  updatedAt: kbArticles.updatedAt,
};
export type SummaryRow = Omit<
  ArticleRow,
  'body' | 'searchVector' | 'authorId' | 'updatedById' | 'publishedAt' | 'version' | 'createdAt'
> & {
  snippet?: string;
};

// --- categories ---

/** Categories in display order, each with the number of articles `filter` lets through. */
export async function listCategories(db: DbOrTx, filter: ArticleFilter) {
  return db
    .select({
      category: kbCategories,
      // Spelled out: drizzle leaves a single table's columns unqualified inside select fields.
      articleCount: sql<number>`(SELECT count(*)::int FROM ${kbArticles} WHERE ${kbArticles.categoryId} = "kb_categories"."id" AND ${where(filter)})`,
    })
    .from(kbCategories)
    .orderBy(asc(kbCategories.sortOrder), asc(kbCategories.name), asc(kbCategories.id));
}

export async function findCategory(db: DbOrTx, id: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(kbCategories).where(eq(kbCategories.id, id));
  return row;
}

export async function insertCategory(db: DbOrTx, values: typeof kbCategories.$inferInsert): Promise<CategoryRow> {
  const [row] = await db.insert(kbCategories).values(values).returning();
  if (!row) throw new Error('category not inserted');
  return row;
}

export async function updateCategory(db: DbOrTx, id: string, values: Partial<typeof kbCategories.$inferInsert>) {
  const [row] = await db
    .update(kbCategories)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(kbCategories.id, id))
    .returning();
  return row;
}

/** Articles and subcategories that keep a category from being deleted. */
export async function categoryUse(db: DbOrTx, id: string): Promise<{ articles: number; children: number }> {
  const [row] = await queryRows<{ articles: number; children: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM kb_articles WHERE category_id = ${id}) AS articles,
               (SELECT count(*)::int FROM kb_categories WHERE parent_id = ${id}) AS children`,
  );
  return row ?? { articles: 0, children: 0 };
}

export async function deleteCategory(db: DbOrTx, id: string): Promise<void> {
  await db.delete(kbCategories).where(eq(kbCategories.id, id));
}

// --- articles ---

export async function findArticle(db: DbOrTx, id: string, forUpdate = false): Promise<ArticleRow | undefined> {
  const q = db.select().from(kbArticles).where(eq(kbArticles.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** The article whose current or old slug this is. */
export async function findArticleIdBySlug(db: DbOrTx, slug: string): Promise<string | undefined> {
  const [current] = await db.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.slug, slug));
  if (current) return current.id;
  const [old] = await db
    .select({ id: kbSlugRedirects.articleId })
    .from(kbSlugRedirects)
    .where(eq(kbSlugRedirects.slug, slug));
  return old?.id;
}

/** Whether another article has this slug now or had it before. */
export async function slugTaken(db: DbOrTx, slug: string, exceptArticleId?: string): Promise<boolean> {
  const notMine = (col: typeof kbArticles.id | typeof kbSlugRedirects.articleId) =>
    exceptArticleId ? ne(col, exceptArticleId) : undefined;
  const [a] = await db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(and(eq(kbArticles.slug, slug), notMine(kbArticles.id)));
  if (a) return true;
  const [r] = await db
    .select({ id: kbSlugRedirects.articleId })
    .from(kbSlugRedirects)
    .where(and(eq(kbSlugRedirects.slug, slug), notMine(kbSlugRedirects.articleId)));
  return !!r;
}

export async function insertArticle(db: DbOrTx, values: typeof kbArticles.$inferInsert): Promise<ArticleRow> {
  const [row] = await db.insert(kbArticles).values(values).returning();
  if (!row) throw new Error('article not inserted');
  return row;
}

/** Writes the changes and bumps the version; the caller holds the row lock. */
export async function updateArticle(
  db: DbOrTx,
  id: string,
  values: Partial<typeof kbArticles.$inferInsert>,
): Promise<ArticleRow> {
  const [row] = await db
    .update(kbArticles)
    .set({ ...values, version: sql`${kbArticles.version} + 1`, updatedAt: sql`now()` })
    .where(eq(kbArticles.id, id))
    .returning();
  if (!row) throw new Error('article not updated');
  return row;
}

export async function deleteArticle(db: DbOrTx, id: string): Promise<void> {
  await db.delete(kbArticles).where(eq(kbArticles.id, id));
}

/** Keeps `slug` leading to the article; a slug the article takes back stops being a redirect. */
export async function moveSlug(db: DbOrTx, articleId: string, oldSlug: string, newSlug: string): Promise<void> {
  await db.delete(kbSlugRedirects).where(eq(kbSlugRedirects.slug, newSlug));
  await db.insert(kbSlugRedirects).values({ slug: oldSlug, articleId }).onConflictDoNothing();
}

export async function listArticles(db: DbOrTx, filter: ArticleFilter, limit: number): Promise<SummaryRow[]> {
  return db
    .select(summaryColumns)
    .from(kbArticles)
    .where(where(filter))
    .orderBy(desc(kbArticles.updatedAt), desc(kbArticles.id))
    .limit(limit);
}

/**
 * Full-text search, best first: the page of ids is ranked on the GIN index first, and the
 * highlighted snippets (ts_headline re-reads the text) are made for that page only.
 * `rankAtMost` ranks only that many matches (in no particular order) instead of all of them: for
 * suggestions, whose any-word queries can match most articles and need only a few good ones.
 */
export async function searchArticles(
  db: DbOrTx,
  tsquery: string,
  filter: ArticleFilter,
  limit: number,
  rankAtMost?: number,
): Promise<SummaryRow[]> {
  const q = sql`to_tsquery('english', ${tsquery})`;
  const matches = sql`SELECT ${kbArticles.id} AS id, ${kbArticles.searchVector} AS sv FROM ${kbArticles}
    WHERE ${kbArticles.searchVector} @@ ${q} AND ${where(filter)}
    ${rankAtMost ? sql`LIMIT ${rankAtMost}` : sql``}`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT m.id FROM (${matches}) m ORDER BY ts_rank(m.sv, ${q}) DESC, m.id LIMIT ${limit}`,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const page = await db
    .select({
      ...summaryColumns,
      snippet: sql<string>`ts_headline('english', ${kbArticles.title} || E'\n' || ${kbArticles.body}, ${q}, ${HEADLINE_OPTIONS})`,
    })
    .from(kbArticles)
    .where(inArray(kbArticles.id, ids));
  // In rank order.
  return ids.flatMap((id) => page.filter((r) => r.id === id));
}

// --- versions ---

export async function insertVersion(db: DbOrTx, article: ArticleRow, editedById: string | null): Promise<void> {
  await db.insert(kbArticleVersions).values({
    articleId: article.id,
    version: article.version,
    title: article.title,
    slug: article.slug,
    body: article.body,
    categoryId: article.categoryId,
    tags: article.tags,
    status: article.status,
    visibility: article.visibility,
    editedById,
  });
}

export async function listVersions(db: DbOrTx, articleId: string): Promise<VersionRow[]> {
  return db
    .select()
    .from(kbArticleVersions)
    .where(eq(kbArticleVersions.articleId, articleId))
    .orderBy(desc(kbArticleVersions.version));
}

export async function findVersion(db: DbOrTx, articleId: string, version: number): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(kbArticleVersions)
    .where(and(eq(kbArticleVersions.articleId, articleId), eq(kbArticleVersions.version, version)));
  return row;
}

// --- votes and deflection ---

export async function upsertVote(db: DbOrTx, articleId: string, voterKey: string, helpful: boolean): Promise<void> {
  await db
    .insert(kbVotes)
    .values({ articleId, voterKey, helpful })
    .onConflictDoUpdate({ target: [kbVotes.articleId, kbVotes.voterKey], set: { helpful, updatedAt: sql`now()` } });
}

export async function findVote(db: DbOrTx, articleId: string, voterKey: string): Promise<boolean | undefined> {
  const [row] = await db
    .select({ helpful: kbVotes.helpful })
    .from(kbVotes)
    .where(and(eq(kbVotes.articleId, articleId), eq(kbVotes.voterKey, voterKey)));
  return row?.helpful;
}

export async function insertSuggestionOpen(db: DbOrTx, articleId: string, voterKey: string): Promise<void> {
  await db.insert(kbSuggestionOpens).values({ articleId, voterKey });
}

/**
 * A ticket was filed: the voter's suggestion opens of the last `windowMinutes` did not deflect it.
 * The statement, for the ticket's own transaction (the tickets module's addWriteWithNewTicket).
 */
export function markTicketFiled(voterKeys: string[], windowMinutes: number): SQLWrapper {
  // A template rather than Drizzle's update builder: it is part of every create's statement, and the
  // builder's SQL took ~15 µs more of server CPU to build and render.
  return sql`UPDATE kb_suggestion_opens SET ticket_filed_at = now()
    WHERE voter_key = ANY(${sql.param(voterKeys)}::text[]) AND ticket_filed_at IS NULL
      AND opened_at > now() - make_interval(mins => ${windowMinutes}::int)`;
}

export async function articleStats(db: DbOrTx, articleId: string, windowMinutes: number) {
  const [row] = await queryRows<{ helpful: number; not_helpful: number; opened: number; not_filed: number }>(
    db,
    sql`SELECT
      (SELECT count(*)::int FROM kb_votes WHERE article_id = ${articleId} AND helpful) AS helpful,
      (SELECT count(*)::int FROM kb_votes WHERE article_id = ${articleId} AND NOT helpful) AS not_helpful,
      (SELECT count(*)::int FROM kb_suggestion_opens WHERE article_id = ${articleId}) AS opened,
      (SELECT count(*)::int FROM kb_suggestion_opens WHERE article_id = ${articleId} AND ticket_filed_at IS NULL
         AND opened_at <= now() - make_interval(mins => ${windowMinutes})) AS not_filed`,
  );
  return {
    helpful: row?.helpful ?? 0,
    notHelpful: row?.not_helpful ?? 0,
    suggestionOpened: row?.opened ?? 0,
    ticketNotFiled: row?.not_filed ?? 0,
  };
}

// --- images ---

export async function insertImages(db: DbOrTx, rows: (typeof kbImages.$inferInsert)[]): Promise<ImageRow[]> {
  if (rows.length === 0) return [];
  return db.insert(kbImages).values(rows).returning();
}

export async function findImageWithArticle(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ image: kbImages, status: kbArticles.status, visibility: kbArticles.visibility })
    .from(kbImages)
    .innerJoin(kbArticles, eq(kbArticles.id, kbImages.articleId))
    .where(eq(kbImages.id, id));
  return row;
}

export async function imageStorageKeys(
  db: DbOrTx,
  articleId?: string,
): Promise<{ id: string; storageKey: string; sha256: string; sizeBytes: number }[]> {
  return db
    .select({
      id: kbImages.id,
      storageKey: kbImages.storageKey,
      sha256: kbImages.sha256,
      sizeBytes: kbImages.sizeBytes,
    })
    .from(kbImages)
    .where(articleId ? eq(kbImages.articleId, articleId) : undefined);
}
