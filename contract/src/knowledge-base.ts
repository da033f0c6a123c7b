import { z } from 'zod';
import { successSchema } from './common.js';

export const articleStatuses = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];
/** public: anyone (when the help centre is public); customers: signed-in users; staff: staff only. */
export const articleVisibilities = ['public', 'customers', 'staff'] as const;
export type ArticleVisibility = (typeof articleVisibilities)[number];

const name = z.string().trim().min(1).max(120);
/** Lower-case letters, digits and single dashes: the readable part of an article's URL. */
const slug = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and dashes');
const tags = z.array(z.string().trim().min(1).max(40)).max(20);

export const kbCategorySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  /** Categories nest one level: a child's parent has no parent. */
  parentId: z.uuid().nullable(),
  sortOrder: z.number().int(),
  /** Published articles the caller can see. */
  articleCount: z.number().int(),
});
export type KbCategory = z.infer<typeof kbCategorySchema>;

export const createKbCategoryBodySchema = z.strictObject({
  name,
  description: z.string().trim().max(500).default(''),
  parentId: z.uuid().nullable().default(null),
  sortOrder: z.number().int().min(0).max(100_000).default(0),
});
export type CreateKbCategoryBody = z.input<typeof createKbCategoryBodySchema>;
export const updateKbCategoryBodySchema = z.strictObject({
  name: name.optional(),
  description: z.string().trim().max(500).optional(),
  parentId: z.uuid().nullable().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});
export type UpdateKbCategoryBody = z.infer<typeof updateKbCategoryBodySchema>;

/** One article in a list or in search results. */
export const kbArticleSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  /** The canonical slug: the article's address is `/help/<id>-<slug>`. */
  slug: z.string(),
  categoryId: z.uuid().nullable(),
  tags: z.array(z.string()),
  status: z.enum(articleStatuses),
  visibility: z.enum(articleVisibilities),
  updatedAt: z.string(),
  /** Search results only: an excerpt with the matched words between `[[` and `]]`; render as text. */
  snippet: z.string().optional(),
});
export type KbArticleSummary = z.infer<typeof kbArticleSummarySchema>;

/** What staff see about how an article is received. */
export const kbArticleStatsSchema = z.object({
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  /** Times a customer opened the article from a new-ticket suggestion. */
  suggestionOpened: z.number().int(),
  /** Of those, settled ones (older than 30 minutes) after which that user filed no ticket. */
  ticketNotFiled: z.number().int(),
});
export type KbArticleStats = z.infer<typeof kbArticleStatsSchema>;

export const kbArticleSchema = kbArticleSummarySchema.extend({
  /** Markdown source (staff edit it). */
  body: z.string(),
  /** The body rendered to sanitised HTML: the only HTML the client ever inserts. */
  html: z.string(),
  author: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  updatedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Send it back with every change; a stale one is a 409. */
  version: z.number().int(),
  /** The caller's own vote, if any. */
  myVote: z.boolean().nullable(),
  /** Staff only. */
  stats: kbArticleStatsSchema.nullable(),
  /** What the caller may do with it. */
  canEdit: z.boolean(),
  canPublish: z.boolean(),
});
export type KbArticle = z.infer<typeof kbArticleSchema>;

export const createKbArticleBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(200_000).default(''),
  slug: slug.optional(),
  categoryId: z.uuid().nullable().default(null),
  tags: tags.default([]),
  visibility: z.enum(articleVisibilities).default('customers'),
});
export type CreateKbArticleBody = z.input<typeof createKbArticleBodySchema>;

export const updateKbArticleBodySchema = z.strictObject({
  version: z.number().int().positive(),
  title: z.string().trim().min(1).max(200).optional(),
  body: z.string().max(200_000).optional(),
  /** A new slug keeps the old one as a redirect. */
  slug: slug.optional(),
  categoryId: z.uuid().nullable().optional(),
  tags: tags.optional(),
  visibility: z.enum(articleVisibilities).optional(),
});
export type UpdateKbArticleBody = z.infer<typeof updateKbArticleBodySchema>;

export const setKbArticleStatusBodySchema = z.strictObject({
  version: z.number().int().positive(),
  status: z.enum(articleStatuses),
});
export type SetKbArticleStatusBody = z.infer<typeof setKbArticleStatusBodySchema>;

export const listKbArticlesQuerySchema = z.strictObject({
  /** Full-text search over title and body; results carry a snippet and come best first. */
  q: z.string().trim().max(200).optional(),
  categoryId: z.uuid().optional(),
  tag: z.string().trim().max(40).optional(),
  /** Staff only; others always get published articles. */
  status: z.enum(articleStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListKbArticlesQuery = Partial<z.output<typeof listKbArticlesQuerySchema>>;

export const kbSuggestionsQuerySchema = z.strictObject({
  /** What the customer has typed as the new ticket's subject so far. */
  subject: z.string().trim().min(1).max(200),
});

export const kbArticleRefParamsSchema = z.object({
  /** The article's id, `<id>-<slug>`, its slug or one of its old slugs. */
  id: z.string().min(1).max(200),
});
export const kbVersionParamsSchema = z.object({
  id: z.uuid(),
  version: z.coerce.number().int().positive().max(2_147_483_647),
});

export const kbVoteBodySchema = z.strictObject({ helpful: z.boolean() });
export const kbVersionSummarySchema = z.object({
  version: z.number().int(),
  title: z.string(),
  status: z.enum(articleStatuses),
  editedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type KbVersionSummary = z.infer<typeof kbVersionSummarySchema>;
export const kbVersionSchema = kbVersionSummarySchema.extend({
  body: z.string(),
  html: z.string(),
  slug: z.string(),
  categoryId: z.uuid().nullable(),
  tags: z.array(z.string()),
  visibility: z.enum(articleVisibilities),
});
export type KbVersion = z.infer<typeof kbVersionSchema>;
export const restoreKbVersionBodySchema = z.strictObject({ version: z.number().int().positive() });

/** An image uploaded for an article: put `markdown` into the body. */
export const kbImageSchema = z.object({ id: z.uuid(), url: z.string(), fileName: z.string(), markdown: z.string() });
export type KbImage = z.infer<typeof kbImageSchema>;

/** `POST /api/help/preview`: the editor's preview, rendered and sanitised as a saved article would be. */
export const kbPreviewBodySchema = z.strictObject({ body: z.string().max(200_000) });
export const kbPreviewResponseSchema = successSchema(z.object({ html: z.string() }));

export const kbCategoryResponseSchema = successSchema(kbCategorySchema);
export const kbCategoryListResponseSchema = successSchema(z.array(kbCategorySchema));
export const kbArticleResponseSchema = successSchema(kbArticleSchema);
export const kbArticleListResponseSchema = successSchema(z.array(kbArticleSummarySchema));
export const kbVersionListResponseSchema = successSchema(z.array(kbVersionSummarySchema));
export const kbVersionResponseSchema = successSchema(kbVersionSchema);
export const kbImageResponseSchema = successSchema(kbImageSchema);
export const kbOkResponseSchema = successSchema(z.object({ ok: z.literal(true) }));
