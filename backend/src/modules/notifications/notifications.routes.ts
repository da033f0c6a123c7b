import {
  idParamsSchema,
  listNotificationsQuerySchema,
  mentionableQuerySchema,
  mentionableResponseSchema,
  notificationSchema,
  pageSchema,
  successSchema,
  ticketRefParamsSchema,
  unreadCountSchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { compiledSerializer } from '../../lib/compiled-serializer.js';
import { requestActor } from '../auth/actor.js';
import { createMentionService } from './mentions.service.js';
import { notificationService } from './notifications.service.js';

export async function notificationRoutes(app: FastifyInstance, deps: AppDeps) {
  const service = notificationService(deps);
  const mentions = createMentionService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/tickets/:id/mentionable',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Staff who may read this ticket’s internal notes, to @mention in a note (q: part of name or e-mail)',
        params: ticketRefParamsSchema,
        querystring: mentionableQuerySchema,
        response: { 200: mentionableResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await mentions.list(requestActor(req), req.params.id, req.query.q),
    }),
  );

  r.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first (keyset pages)',
        querystring: listNotificationsQuerySchema,
        response: { 200: pageSchema(notificationSchema) },
      },
    },
    async (req) => {
      const { items, nextCursor } = await service.list(requestActor(req), req.query);
      return { success: true as const, data: items, meta: { nextCursor } };
    },
  );

  r.get(
    '/api/notifications/unread-count',
    {
      // Polled by every open page: the answer's serializer is compiled once (lib/compiled-serializer.ts).
      serializerCompiler: compiledSerializer,
      schema: {
        tags: ['notifications'],
        summary: 'How many of my notifications are unread (cheap enough to poll)',
        response: { 200: successSchema(unreadCountSchema) },
      },
    },
    async (req) => ({ success: true as const, data: { count: await service.unreadCount(requestActor(req)) } }),
  );

  r.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read (idempotent)',
        params: idParamsSchema,
        response: { 200: successSchema(z.object({ ok: z.literal(true) })) },
      },
    },
    async (req) => {
      await service.markRead(requestActor(req), req.params.id);
      return { success: true as const, data: { ok: true as const } };
    },
  );

  r.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        response: { 200: successSchema(z.object({ updated: z.number().int() })) },
      },
    },
    async (req) => ({ success: true as const, data: { updated: await service.markAllRead(requestActor(req)) } }),
  );
}
