import { randomUUID } from 'node:crypto';
import {
  createKbArticleBodySchema,
  createKbCategoryBodySchema,
  errorResponseSchema,
  idParamsSchema,
  kbArticleListResponseSchema,
  kbArticleRefParamsSchema,
  kbArticleResponseSchema,
  kbCategoryListResponseSchema,
  kbCategoryResponseSchema,
  kbImageSchema,
  kbOkResponseSchema,
  kbPreviewBodySchema,
  kbPreviewResponseSchema,
  kbSuggestionsQuerySchema,
  kbVersionListResponseSchema,
  kbVersionParamsSchema,
  kbVersionResponseSchema,
  kbVoteBodySchema,
  listKbArticlesQuerySchema,
  restoreKbVersionBodySchema,
  setKbArticleStatusBodySchema,
  successSchema,
  ticketRefParamsSchema,
  updateKbArticleBodySchema,
  updateKbCategoryBodySchema,
} from '@helpdesk/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { sendStoredFile } from '../attachments/attachments.service.js';
import { addWriteWithNewTicket } from '../tickets/tickets.service.js';
import { knowledgeBaseService } from './knowledge-base.service.js';

/** A public route still answers 401 to anonymous callers while public reading is off. */
const whileHelpIsPrivate = { 401: errorResponseSchema };
const tags = ['knowledge base'];
const ok = { success: true as const, data: { ok: true as const } };

/** An anonymous browser's id for votes and deflection: a random uuid in a cookie. */
const BROWSER_COOKIE = 'helpdesk_kb_browser';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function readBrowserId(req: FastifyRequest): string | undefined {
  const id = req.cookies[BROWSER_COOKIE];
  return id && UUID.test(id) ? id : undefined;
}

/** The browser id, set now (for a year) when the browser has none. */
function browserId(req: FastifyRequest, reply: FastifyReply): string {
  const known = readBrowserId(req);
  if (known) return known;
  const id = randomUUID();
  reply.setCookie(BROWSER_COOKIE, id, { path: '/', maxAge: 31_536_000, httpOnly: true, sameSite: 'lax' });
  return id;
}

/**
 * Deflection: when a ticket is filed (POST /api/tickets), the filer's suggestion opens of the last
 * 30 minutes are marked as followed by a ticket, in the ticket's own transaction (the tickets
 * module's addWriteWithNewTicket: it knows nothing of the knowledge base).
 */
export const kbDeflectionHook = fp<AppDeps>(
  async (app, deps) => {
    const kb = knowledgeBaseService(deps);
    app.addHook('preHandler', async (req) => {
      if (req.method !== 'POST' || req.routeOptions.url !== '/api/tickets' || !req.actor) return;
      addWriteWithNewTicket(req, kb.ticketFiled(req.actor, readBrowserId(req)));
    });
  },
  { name: 'kb-deflection', dependencies: ['auth'] },
);

/** The knowledge-base API under /api/help: thin handlers over knowledge-base.service. */
export async function knowledgeBaseRoutes(app: FastifyInstance, deps: AppDeps) {
  const kb = knowledgeBaseService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/help/categories',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Categories in order, with the number of articles the caller can read (public when enabled)',
        response: { 200: kbCategoryListResponseSchema, ...whileHelpIsPrivate },
      },
    },
    async (req) => ({ success: true as const, data: await kb.listCategories(req.actor) }),
  );

  r.post(
    '/api/help/categories',
    {
      schema: {
        tags,
        summary: 'Create a category (kb.publish)',
        body: createKbCategoryBodySchema,
        response: { 201: kbCategoryResponseSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ success: true as const, data: await kb.createCategory(req.actor, req.body) }),
  );

  r.patch(
    '/api/help/categories/:id',
    {
      schema: {
        tags,
        summary: 'Rename, describe, move or reorder a category (kb.publish)',
        params: idParamsSchema,
        body: updateKbCategoryBodySchema,
        response: { 200: kbCategoryResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await kb.updateCategory(req.actor, req.params.id, req.body) }),
  );

  r.delete(
    '/api/help/categories/:id',
    {
      schema: {
        tags,
        summary: 'Delete an empty category (kb.publish)',
        params: idParamsSchema,
        response: { 200: kbOkResponseSchema },
      },
    },
    async (req) => {
      await kb.deleteCategory(req.actor, req.params.id);
      return ok;
    },
  );

  r.get(
    '/api/help/articles',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Articles the caller can read, newest first; with q, a full-text search with snippets, best first',
        querystring: listKbArticlesQuerySchema,
        response: { 200: kbArticleListResponseSchema, ...whileHelpIsPrivate },
      },
    },
    async (req) => ({ success: true as const, data: await kb.listArticles(req.actor, req.query) }),
  );

  r.get(
    '/api/help/suggestions',
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Up to 5 published articles matching a new ticket's subject (deflection)",
        querystring: kbSuggestionsQuerySchema,
        response: { 200: kbArticleListResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await kb.suggestions(req.actor, req.query.subject) }),
  );

  r.post(
    '/api/help/articles',
    {
      schema: {
        tags,
        summary: 'Write a draft article (kb.write)',
        body: createKbArticleBodySchema,
        response: { 201: kbArticleResponseSchema },
      },
    },
    async (req, reply) => reply.code(201).send({ success: true as const, data: await kb.create(req.actor, req.body) }),
  );

  r.post(
    '/api/help/preview',
    {
      schema: {
        tags,
        summary: 'Render Markdown as an article would show it (kb.write)',
        body: kbPreviewBodySchema,
        response: { 200: kbPreviewResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: kb.preview(req.actor, req.body.body) }),
  );

  r.post(
    '/api/help/articles/from-ticket/:id',
    {
      schema: {
        tags,
        summary: "A draft article from a ticket's subject and public conversation (kb.write)",
        params: ticketRefParamsSchema,
        response: { 201: kbArticleResponseSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ success: true as const, data: await kb.fromTicket(req.actor, req.params.id) }),
  );

  r.get(
    '/api/help/articles/:id',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'An article by id, id-slug, slug or old slug; the answer has the canonical slug (the client redirects to it)',
        params: kbArticleRefParamsSchema,
        response: { 200: kbArticleResponseSchema, ...whileHelpIsPrivate },
      },
    },
    async (req) => ({
      success: true as const,
      data: await kb.getArticle(req.actor, req.params.id, readBrowserId(req)),
    }),
  );

  r.patch(
    '/api/help/articles/:id',
    {
      schema: {
        tags,
        summary: 'Edit an article (kb.write; send the version you read); a new slug keeps the old one redirecting',
        params: idParamsSchema,
        body: updateKbArticleBodySchema,
        response: { 200: kbArticleResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await kb.update(req.actor, req.params.id, req.body) }),
  );

  r.post(
    '/api/help/articles/:id/status',
    {
      schema: {
        tags,
        summary: 'Publish, archive or return an article to draft (kb.publish)',
        params: idParamsSchema,
        body: setKbArticleStatusBodySchema,
        response: { 200: kbArticleResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await kb.setStatus(req.actor, req.params.id, req.body) }),
  );

  r.delete(
    '/api/help/articles/:id',
    {
      schema: {
        tags,
        summary: 'Delete an article with its versions, votes and images (kb.publish)',
        params: idParamsSchema,
        response: { 200: kbOkResponseSchema },
      },
    },
    async (req) => {
      await kb.remove(req.actor, req.params.id);
      return ok;
    },
  );

  r.get(
    '/api/help/articles/:id/versions',
    {
      schema: {
        tags,
        summary: "An article's saved versions, newest first (kb.write)",
        params: idParamsSchema,
        response: { 200: kbVersionListResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await kb.versions(req.actor, req.params.id) }),
  );

  r.get(
    '/api/help/articles/:id/versions/:version',
    {
      schema: {
        tags,
        summary: 'One saved version with its rendered body (kb.write)',
        params: kbVersionParamsSchema,
        response: { 200: kbVersionResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await kb.version(req.actor, req.params.id, req.params.version),
    }),
  );

  r.post(
    '/api/help/articles/:id/versions/:version/restore',
    {
      schema: {
        tags,
        summary: "Bring back a version's content as a new version (kb.write; send the current version)",
        params: kbVersionParamsSchema,
        body: restoreKbVersionBodySchema,
        response: { 200: kbArticleResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await kb.restore(req.actor, req.params.id, req.params.version, req.body.version),
    }),
  );

  r.post(
    '/api/help/articles/:id/vote',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '"Was this helpful?": one vote per user or anonymous browser; voting again changes it',
        params: kbArticleRefParamsSchema,
        body: kbVoteBodySchema,
        response: { 200: kbArticleResponseSchema },
      },
    },
    async (req, reply) => ({
      success: true as const,
      data: await kb.vote(
        req.actor,
        req.params.id,
        req.body.helpful,
        req.actor ? readBrowserId(req) : browserId(req, reply),
      ),
    }),
  );

  r.post(
    '/api/help/articles/:id/suggestion-opened',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Record that the article was opened from a new-ticket suggestion (deflection)',
        params: kbArticleRefParamsSchema,
        response: { 200: kbOkResponseSchema, ...whileHelpIsPrivate },
      },
    },
    async (req, reply) => {
      await kb.suggestionOpened(req.actor, req.params.id, req.actor ? readBrowserId(req) : browserId(req, reply));
      return ok;
    },
  );

  r.post(
    '/api/help/articles/:id/images',
    {
      config: { writeLimit: 'uploads' },
      schema: {
        tags,
        summary: 'Upload images for an article (multipart/form-data; PNG, JPEG, GIF, WebP; kb.write)',
        consumes: ['multipart/form-data'],
        params: idParamsSchema,
        response: {
          201: successSchema(z.array(kbImageSchema)),
          413: errorResponseSchema,
          415: errorResponseSchema,
          429: errorResponseSchema,
        },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ success: true as const, data: await kb.uploadImages(req.actor, req.params.id, req) }),
  );

  r.get(
    '/api/help/images/:id',
    {
      config: { public: true },
      compress: false,
      schema: {
        tags,
        summary: "An article's image, to whoever may read the article",
        params: idParamsSchema,
        response: { 200: z.unknown().describe('The image'), ...whileHelpIsPrivate },
      },
    },
    async (req, reply) => {
      const file = await kb.openImage(req.actor, req.params.id);
      return sendStoredFile(req, reply, file, { cacheControl: 'private, max-age=300' });
    },
  );
}
