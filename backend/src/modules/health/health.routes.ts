import { errorResponseSchema, healthResponseSchema, readinessResponseSchema } from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { sendError } from '../../plugins/errors.js';

/** Liveness (`/health`, the guide's shape) and readiness (`/health/ready`, checks the database). */
export async function healthRoutes(app: FastifyInstance, { database }: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/health',
    {
      config: { public: true },
      schema: { tags: ['health'], summary: 'Is the process up', response: { 200: healthResponseSchema } },
    },
    async () => ({
      success: true as const,
      message: 'Backend is healthy' as const,
      timestamp: new Date().toISOString(),
      uptime: process.uptime(),
    }),
  );
  r.get(
    '/health/ready',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Is the process up and the database reachable',
        response: { 200: readinessResponseSchema, 503: errorResponseSchema },
      },
    },
    async (req, reply) => {
      try {
        await database.query('SELECT 1');
      } catch (err) {
        req.log.warn({ err }, 'readiness check: database unreachable');
        return sendError(reply, 503, 'SERVICE_UNAVAILABLE', 'The database is unreachable');
      }
      return { success: true as const, message: 'Ready' as const, database: 'ok' as const };
    },
  );
}
