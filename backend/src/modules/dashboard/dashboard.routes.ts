import { dashboardResponseSchema, errorResponseSchema } from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createDashboardService } from './dashboard.service.js';

export async function dashboardRoutes(app: FastifyInstance, { database }: AppDeps) {
  const dashboard = createDashboardService(database);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Open tickets by status, priority and department; created vs closed; medians (agents, admins)',
        response: { 200: dashboardResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await req.heavyRead((db) => dashboard.get(requestActor(req), db)),
    }),
  );
}
