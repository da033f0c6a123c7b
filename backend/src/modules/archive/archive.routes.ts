import { archivedTicketSchema, errorResponseSchema, listArchivedQuerySchema, successSchema } from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor, requirePermission } from '../auth/actor.js';
import { listArchived } from '../maintenance/maintenance.service.js';

/** Archived tickets stay findable by number for those who may see every ticket. */
export async function archiveRoutes(app: FastifyInstance, { database }: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/archive/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Archived tickets, newest first, or one by number (tickets.view_all); unarchive with the CLI',
        querystring: listArchivedQuerySchema,
        response: {
          200: successSchema(z.array(archivedTicketSchema)),
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
        },
      },
    },
    async (req) => {
      requirePermission(requestActor(req), 'tickets.view_all');
      const rows = await listArchived(database, { number: req.query.number, limit: req.query.limit });
      return {
        success: true as const,
        data: rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() })),
      };
    },
  );
}
