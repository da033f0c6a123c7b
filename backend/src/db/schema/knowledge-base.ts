import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, storedFile, tsvector, updatedAt } from './columns.js';
import { users } from './users.js';

/** Help-centre categories: ordered, nested one level (the service keeps a parent's parent null). */
export const kbCategories = pgTable(
  'kb_categories',
  {
    id: id(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    parentId: uuid('parent_id').references((): AnyPgColumn => kbCategories.id),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('idx_kb_categories_parent').on(t.parentId, t.sortOrder)],
);

export const kbArticles = pgTable(
  'kb_articles',
  {
    id: id(),
    title: text('title').notNull(),
    /** The current readable part of the URL; old ones are in kb_slug_redirects. */
    slug: text('slug').notNull().unique(),
    /** Markdown; rendered and sanitised on the way out (modules/knowledge-base/markdown.ts). */
    body: text('body').notNull().default(''),
    categoryId: uuid('category_id').references(() => kbCategories.id, { onDelete: 'set null' }),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** draft | published | archived */
    status: text('status').notNull().default('draft'),
    /** public | customers | staff */
    visibility: text('visibility').notNull().default('customers'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    updatedById: uuid('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Optimistic concurrency, and the number of the newest row in kb_article_versions. */
    version: integer('version').notNull().default(1),
    /** Title (weight A) and body (weight B), as tickets' subject and description. */
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')`,
      ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('idx_kb_articles_search').using('gin', t.searchVector).with({ fastupdate: false }),
    index('idx_kb_articles_category').on(t.categoryId, t.status),
    index('idx_kb_articles_updated').on(t.updatedAt.desc(), t.id.desc()),
  ],
);

/** Every saved state of an article (version 1 is the first); restorable. */
export const kbArticleVersions = pgTable(
  'kb_article_versions',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    body: text('body').notNull(),
    categoryId: uuid('category_id'),
    tags: text('tags').array().notNull(),
    status: text('status').notNull(),
    visibility: text('visibility').notNull(),
    editedById: uuid('edited_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.version] })],
);

/** Slugs an article had before: old links still find it. */
export const kbSlugRedirects = pgTable('kb_slug_redirects', {
  slug: text('slug').primaryKey(),
  articleId: uuid('article_id')
    .notNull()
    .references(() => kbArticles.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
});

/** "Was this helpful?": one vote per signed-in user, or per anonymous browser (a cookie id). */
export const kbVotes = pgTable(
  'kb_votes',
  {
    id: id(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    /** `user:<uuid>` or `browser:<uuid>`. */
    voterKey: text('voter_key').notNull(),
    helpful: boolean('helpful').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('kb_votes_article_voter').on(t.articleId, t.voterKey)],
);

/**
 * Deflection: an article opened from a new-ticket suggestion. `ticket_filed_at` is set when the
 * same voter files a ticket within 30 minutes (docs/knowledge-base.md).
 */
export const kbSuggestionOpens = pgTable(
  'kb_suggestion_opens',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    voterKey: text('voter_key').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    ticketFiledAt: timestamp('ticket_filed_at', { withTimezone: true }),
  },
  (t) => [
    index('idx_kb_suggestion_opens_article').on(t.articleId),
    index('idx_kb_suggestion_opens_voter').on(t.voterKey, t.openedAt),
  ],
);

/** Images of articles, stored through the attachment pipeline (sniffed, allowlisted, under UPLOAD_DIR). */
export const kbImages = pgTable(
  'kb_images',
  {
    id: id(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    uploadedById: uuid('uploaded_by_id').references(() => users.id, { onDelete: 'set null' }),
    ...storedFile(),
    createdAt: createdAt(),
  },
  (t) => [index('idx_kb_images_article').on(t.articleId)],
);
