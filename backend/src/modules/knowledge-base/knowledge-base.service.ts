import type {
  ArticleStatus,
  ArticleVisibility,
  CreateKbArticleBody,
  CreateKbCategoryBody,
  KbArticle,
  KbArticleSummary,
  KbCategory,
  KbImage,
  KbVersion,
  KbVersionSummary,
  ListKbArticlesQuery,
  SetKbArticleStatusBody,
  UpdateKbArticleBody,
  UpdateKbCategoryBody,
} from '@helpdesk/contract';
import { createKbArticleBodySchema, createKbCategoryBodySchema, listKbArticlesQuerySchema } from '@helpdesk/contract';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError, forbidden, notFound, ruleViolation, unauthenticated, validationError } from '../../lib/app-error.js';
import { toTsquerySource } from '../../lib/full-text.js';
import { attachmentService, type FileToSend, inlineImageTypes } from '../attachments/attachments.service.js';
import type { Actor } from '../auth/actor.js';
import { readSettings } from '../settings/settings.service.js';
import { createTicketService } from '../tickets/tickets.service.js';
import { findUserById } from '../users/users.service.js';
import {
  canPublishArticles,
  canReadArticle,
  canSetStatus,
  canWriteArticles,
  type KbReader,
  readerOf,
  visibilitiesFor,
} from './knowledge-base.policy.js';
import {
  presentArticle,
  presentCategory,
  presentImage,
  presentSummary,
  presentVersion,
  presentVersionSummary,
} from './knowledge-base.presenter.js';
import * as repo from './knowledge-base.repository.js';
import { renderMarkdown } from './markdown.js';

/**
 * Deflection window: an article opened from a new-ticket suggestion counts as "ticket not filed"
 * when the same user (or browser) files no ticket within this many minutes (docs/knowledge-base.md).
 */
export const DEFLECTION_WINDOW_MINUTES = 30;

/** Who votes and opens suggestions: the signed-in user, else the anonymous browser's cookie id. */
export function voterKeys(actor: Actor | null, browserId: string | undefined): string[] {
  return [...(actor ? [`user:${actor.id}`] : []), ...(browserId ? [`browser:${browserId}`] : [])];
}

/** Suggestions rank at most this many matching articles (any-word queries can match most of them). */
const SUGGESTION_CANDIDATES = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A readable URL part from a title: `How do I reset my password?` → `how-do-i-reset-my-password`. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'article';
}

/** Suggestions match any word of the subject (ranked), unlike search, which needs every word. */
function anyWordQuery(text: string): string | undefined {
  return toTsquerySource(text)?.replaceAll(' & ', ' | ');
}

const slugTaken = () => new AppError('KB_SLUG_TAKEN', 409, 'Another article has or had this slug');
const versionConflict = () =>
  new AppError('VERSION_CONFLICT', 409, 'The article was changed meanwhile: reload it and try again');

/** The knowledge base: categories, articles with versions, search, votes, deflection and images. */
export function knowledgeBaseService(deps: AppDeps) {
  const { db } = deps.database;
  const attachments = attachmentService(deps);
  const tickets = createTicketService(deps);

  /** The caller as a reader; anonymous callers only while the help centre is public. */
  async function readerFor(actor: Actor | null): Promise<KbReader> {
    const reader = readerOf(actor);
    if (reader === 'anonymous' && !(await readSettings(db)).publicHelpCentre) throw unauthenticated();
    return reader;
  }

  function requireWriter(actor: Actor | null): Actor {
    if (!actor) throw unauthenticated();
    if (!canWriteArticles(actor)) throw forbidden();
    return actor;
  }

  function requirePublisher(actor: Actor | null): Actor {
    if (!actor) throw unauthenticated();
    if (!canPublishArticles(actor)) throw forbidden();
    return actor;
  }

  /** Published articles of the reader's visibilities; staff see every status unless they pick one. */
  function filterFor(reader: KbReader, q: { status?: ArticleStatus; categoryId?: string; tag?: string } = {}) {
    return {
      visibilities: visibilitiesFor(reader),
      status: reader === 'staff' ? q.status : ('published' as const),
      categoryId: q.categoryId,
      tag: q.tag,
    };
  }

  /** The article behind an id, `<id>-<slug>`, a slug or an old slug, if the reader may see it. */
  async function visibleArticle(db: DbOrTx, reader: KbReader, ref: string): Promise<repo.ArticleRow> {
    const id = UUID.exec(ref)?.[0]?.toLowerCase() ?? (await repo.findArticleIdBySlug(db, ref.toLowerCase()));
    const row = id ? await repo.findArticle(db, id) : undefined;
    if (
      !row ||
      !canReadArticle(reader, { status: row.status as ArticleStatus, visibility: row.visibility as ArticleVisibility })
    )
      throw notFound('Article');
    return row;
  }

  async function person(id: string | null) {
    if (!id) return null;
    const user = await findUserById(db, id);
    return user ? { id: user.id, name: user.name } : null;
  }

  async function present(actor: Actor | null, reader: KbReader, row: repo.ArticleRow, browserId?: string) {
    const [voter] = voterKeys(actor, browserId);
    const myVote = voter ? ((await repo.findVote(db, row.id, voter)) ?? null) : null;
    return presentArticle(row, {
      author: await person(row.authorId),
      updatedBy: await person(row.updatedById),
      myVote,
      stats: reader === 'staff' ? await repo.articleStats(db, row.id, DEFLECTION_WINDOW_MINUTES) : null,
      canEdit: canWriteArticles(actor),
      canPublish: canPublishArticles(actor),
    });
  }

  /** Locks a staff-visible article for a change and checks the version the caller read. */
  async function lockForChange(tx: DbOrTx, id: string, version: number): Promise<repo.ArticleRow> {
    const row = await repo.findArticle(tx, id, true);
    if (!row) throw notFound('Article');
    if (row.version !== version) throw versionConflict();
    return row;
  }

  async function checkCategory(tx: DbOrTx, categoryId: string | null | undefined) {
    if (categoryId && !(await repo.findCategory(tx, categoryId))) {
      throw validationError('Unknown category', [{ path: 'body.categoryId', message: 'no such category' }]);
    }
  }

  /** A free slug for a new article: the title's, with -2, -3 … when taken. */
  async function freeSlug(tx: DbOrTx, base: string): Promise<string> {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await repo.slugTaken(tx, candidate))) return candidate;
    }
  }

  async function createArticle(actor: Actor, input: CreateKbArticleBody): Promise<repo.ArticleRow> {
    const body = createKbArticleBodySchema.parse(input);
    return db.transaction(async (tx) => {
      await checkCategory(tx, body.categoryId);
      if (body.slug && (await repo.slugTaken(tx, body.slug))) throw slugTaken();
      const row = await repo.insertArticle(tx, {
        title: body.title,
        slug: body.slug ?? (await freeSlug(tx, slugify(body.title))),
        body: body.body,
        categoryId: body.categoryId,
        tags: [...new Set(body.tags)],
        visibility: body.visibility,
        status: 'draft',
        authorId: actor.id,
        updatedById: actor.id,
      });
      await repo.insertVersion(tx, row, actor.id);
      return row;
    });
  }

  /** Checks the parent of a category: it exists, is not the category and has no parent itself. */
  async function checkParent(tx: DbOrTx, id: string | undefined, parentId: string | null | undefined) {
    if (!parentId) return;
    const parent = await repo.findCategory(tx, parentId);
    if (!parent) throw validationError('Unknown parent', [{ path: 'body.parentId', message: 'no such category' }]);
    if (parent.id === id || parent.parentId) {
      throw ruleViolation('Categories nest one level only', [
        { path: 'body.parentId', message: 'not a top-level category' },
      ]);
    }
    if (id && (await repo.categoryUse(tx, id)).children > 0) {
      throw ruleViolation('A category with subcategories stays at the top level', [
        { path: 'body.parentId', message: 'has subcategories' },
      ]);
    }
  }

  return {
    // --- categories ---

    async listCategories(actor: Actor | null): Promise<KbCategory[]> {
      const reader = await readerFor(actor);
      const rows = await repo.listCategories(
        db,
        filterFor(reader, { status: reader === 'staff' ? undefined : 'published' }),
      );
      return rows.map((r) => presentCategory(r.category, r.articleCount));
    },

    async createCategory(actor: Actor | null, input: CreateKbCategoryBody): Promise<KbCategory> {
      requirePublisher(actor);
      const body = createKbCategoryBodySchema.parse(input);
      return db.transaction(async (tx) => {
        await checkParent(tx, undefined, body.parentId);
        return presentCategory(await repo.insertCategory(tx, body), 0);
      });
    },

    async updateCategory(actor: Actor | null, id: string, body: UpdateKbCategoryBody): Promise<KbCategory> {
      requirePublisher(actor);
      return db.transaction(async (tx) => {
        if (!(await repo.findCategory(tx, id))) throw notFound('Category');
        await checkParent(tx, id, body.parentId);
        const row = await repo.updateCategory(tx, id, body);
        if (!row) throw notFound('Category');
        return presentCategory(row, (await repo.categoryUse(tx, id)).articles);
      });
    },

    async deleteCategory(actor: Actor | null, id: string): Promise<void> {
      requirePublisher(actor);
      await db.transaction(async (tx) => {
        if (!(await repo.findCategory(tx, id))) throw notFound('Category');
        const use = await repo.categoryUse(tx, id);
        if (use.articles > 0 || use.children > 0) {
          throw new AppError('KB_CATEGORY_NOT_EMPTY', 422, 'Move its articles and subcategories elsewhere first');
        }
        await repo.deleteCategory(tx, id);
      });
    },

    // --- reading ---

    /** Lists or, with `q`, searches the articles the caller may see. */
    async listArticles(actor: Actor | null, input: ListKbArticlesQuery): Promise<KbArticleSummary[]> {
      const reader = await readerFor(actor);
      const query = listKbArticlesQuerySchema.parse(input);
      const filter = filterFor(reader, query);
      if (query.q) {
        const tsquery = toTsquerySource(query.q);
        if (!tsquery) return [];
        return (await repo.searchArticles(db, tsquery, filter, query.limit)).map(presentSummary);
      }
      return (await repo.listArticles(db, filter, query.limit)).map(presentSummary);
    },

    /** New-ticket suggestions: published articles the caller may read, matching any word of the subject. */
    async suggestions(actor: Actor | null, subject: string): Promise<KbArticleSummary[]> {
      const reader = await readerFor(actor);
      const tsquery = anyWordQuery(subject);
      if (!tsquery) return [];
      const filter = { ...filterFor(reader), status: 'published' as const };
      return (await repo.searchArticles(db, tsquery, filter, 5, SUGGESTION_CANDIDATES)).map(presentSummary);
    },

    async getArticle(actor: Actor | null, ref: string, browserId?: string): Promise<KbArticle> {
      const reader = await readerFor(actor);
      return present(actor, reader, await visibleArticle(db, reader, ref), browserId);
    },

    // --- writing ---

    /** The editor's preview: the same renderer and sanitiser as a saved article. */
    preview(actor: Actor | null, body: string): { html: string } {
      requireWriter(actor);
      return { html: renderMarkdown(body) };
    },

    async create(actorIn: Actor | null, input: CreateKbArticleBody): Promise<KbArticle> {
      const actor = requireWriter(actorIn);
      return present(actor, 'staff', await createArticle(actor, input));
    },

    async update(actorIn: Actor | null, id: string, body: UpdateKbArticleBody): Promise<KbArticle> {
      const actor = requireWriter(actorIn);
      const row = await db.transaction(async (tx) => {
        const cur = await lockForChange(tx, id, body.version);
        await checkCategory(tx, body.categoryId);
        if (body.slug && body.slug !== cur.slug) {
          if (await repo.slugTaken(tx, body.slug, id)) throw slugTaken();
          await repo.moveSlug(tx, id, cur.slug, body.slug);
        }
        const { version: _read, tags, ...changes } = body;
        const next = await repo.updateArticle(tx, id, {
          ...changes,
          ...(tags ? { tags: [...new Set(tags)] } : {}),
          updatedById: actor.id,
        });
        await repo.insertVersion(tx, next, actor.id);
        return next;
      });
      return present(actor, 'staff', row);
    },

    /** Publish, archive or take back to draft (`kb.publish`). */
    async setStatus(actorIn: Actor | null, id: string, body: SetKbArticleStatusBody): Promise<KbArticle> {
      const actor = requirePublisher(actorIn);
      const row = await db.transaction(async (tx) => {
        const cur = await lockForChange(tx, id, body.version);
        if (!canSetStatus(actor, cur.status as ArticleStatus, body.status)) throw forbidden();
        if (cur.status === body.status) return cur;
        const next = await repo.updateArticle(tx, id, {
          status: body.status,
          updatedById: actor.id,
          ...(body.status === 'published' && !cur.publishedAt ? { publishedAt: new Date() } : {}),
        });
        await repo.insertVersion(tx, next, actor.id);
        return next;
      });
      return present(actor, 'staff', row);
    },

    async remove(actorIn: Actor | null, id: string): Promise<void> {
      requirePublisher(actorIn);
      const keys = await db.transaction(async (tx) => {
        if (!(await repo.findArticle(tx, id, true))) throw notFound('Article');
        const images = await repo.imageStorageKeys(tx, id);
        await repo.deleteArticle(tx, id);
        return images.map((i) => i.storageKey);
      });
      await attachments.removeFiles(keys);
    },

    /** A draft article from a ticket the caller can see: its subject and its public conversation. */
    async fromTicket(actorIn: Actor | null, ticketRef: string): Promise<KbArticle> {
      const actor = requireWriter(actorIn);
      const { ticket, messages } = await tickets.get(actor, ticketRef);
      const replies = messages.filter((m) => !m.isInternal).map((m) => m.body);
      const body = [ticket.description, ...replies].join('\n\n---\n\n');
      return present(
        actor,
        'staff',
        await createArticle(actor, { title: ticket.subject, body, visibility: 'customers' }),
      );
    },

    // --- versions ---

    async versions(actorIn: Actor | null, id: string): Promise<KbVersionSummary[]> {
      requireWriter(actorIn);
      if (!(await repo.findArticle(db, id))) throw notFound('Article');
      const rows = await repo.listVersions(db, id);
      return Promise.all(rows.map(async (r) => presentVersionSummary(r, await person(r.editedById))));
    },

    async version(actorIn: Actor | null, id: string, version: number): Promise<KbVersion> {
      requireWriter(actorIn);
      const row = await repo.findVersion(db, id, version);
      if (!row) throw notFound('Version');
      return presentVersion(row, await person(row.editedById));
    },

    /** Brings back an earlier version's content (title, body, category, tags, visibility) as a new version. */
    async restore(actorIn: Actor | null, id: string, version: number, currentVersion: number): Promise<KbArticle> {
      const actor = requireWriter(actorIn);
      const row = await db.transaction(async (tx) => {
        await lockForChange(tx, id, currentVersion);
        const old = await repo.findVersion(tx, id, version);
        if (!old) throw notFound('Version');
        const category = old.categoryId ? await repo.findCategory(tx, old.categoryId) : undefined;
        const next = await repo.updateArticle(tx, id, {
          title: old.title,
          body: old.body,
          categoryId: category?.id ?? null,
          tags: old.tags,
          visibility: old.visibility,
          updatedById: actor.id,
        });
        await repo.insertVersion(tx, next, actor.id);
        return next;
      });
      return present(actor, 'staff', row);
    },

    // --- votes, deflection ---

    async vote(actor: Actor | null, ref: string, helpful: boolean, browserId: string | undefined): Promise<KbArticle> {
      const reader = await readerFor(actor);
      const row = await visibleArticle(db, reader, ref);
      const [voter] = voterKeys(actor, browserId);
      if (!voter) throw unauthenticated();
      await repo.upsertVote(db, row.id, voter, helpful);
      return present(actor, reader, row, browserId);
    },

    /** The customer opened this article from a new-ticket suggestion. */
    async suggestionOpened(actor: Actor | null, ref: string, browserId: string | undefined): Promise<void> {
      const reader = await readerFor(actor);
      const row = await visibleArticle(db, reader, ref);
      const [voter] = voterKeys(actor, browserId);
      if (!voter) throw unauthenticated();
      await repo.insertSuggestionOpen(db, row.id, voter);
    },

    /** Filing a ticket: the caller's recent opens did not deflect it (written with the ticket). */
    ticketFiled: (actor: Actor, browserId: string | undefined) =>
      repo.markTicketFiled(voterKeys(actor, browserId), DEFLECTION_WINDOW_MINUTES),

    // --- images ---

    /** Images for an article through the attachment pipeline (streamed, sniffed); raster images only. */
    async uploadImages(actorIn: Actor | null, id: string, req: FastifyRequest): Promise<KbImage[]> {
      const actor = requireWriter(actorIn);
      if (!(await repo.findArticle(db, id))) throw notFound('Article');
      const upload = await attachments.receive(req);
      try {
        if (upload.files.length === 0) {
          throw validationError('Attach at least one image', [{ path: 'files', message: 'required' }]);
        }
        const bad = upload.files.find((f) => !inlineImageTypes.has(f.mimeType));
        if (bad)
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, `${bad.fileName}: only PNG, JPEG, GIF and WebP images`);
        const rows = await repo.insertImages(
          db,
          upload.files.map((f) => ({ ...f, articleId: id, uploadedById: actor.id })),
        );
        return rows.map(presentImage);
      } catch (err) {
        await upload.discard();
        throw err;
      }
    },

    /** An image to send, if the caller may read its article. */
    async openImage(actor: Actor | null, id: string): Promise<FileToSend & { row: repo.ImageRow }> {
      const reader = await readerFor(actor);
      const found = await repo.findImageWithArticle(db, id);
      if (
        !found ||
        !canReadArticle(reader, {
          status: found.status as ArticleStatus,
          visibility: found.visibility as ArticleVisibility,
        })
      )
        throw notFound('Image');
      return { row: found.image, store: attachments.store };
    },
  };
}

export type KnowledgeBaseService = ReturnType<typeof knowledgeBaseService>;

/** Stored files of article images, for the uploads check (modules/attachments/attachments.sweep.ts). */
export const articleImageStorageRows = (db: DbOrTx) => repo.imageStorageKeys(db);
