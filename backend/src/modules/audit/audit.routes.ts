import { auditEntrySchema, listAuditQuerySchema, pageSchema } from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createAuditService } from './audit.service.js';

export async function auditRoutes(app: FastifyInstance, { database }: AppDeps) {
  const audit = createAuditService({ database });
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'Admin changes, newest first (audit.view)',
        querystring: listAuditQuerySchema,
        response: { 200: pageSchema(auditEntrySchema) },
      },
    },
    async (req) => {
      const page = await audit.list(requestActor(req), req.query);
      return { success: true as const, data: page.items, meta: { nextCursor: page.nextCursor } };
    },
  );
}
