import { registerBodySchema, setupStateSchema, successSchema, userEnvelopeSchema } from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { notFound } from '../../lib/app-error.js';
import { clientInfo, setSessionCookie } from '../auth/session-cookie.js';
import { createSetupService } from './setup.service.js';

/** First run: creates the first SUPER_ADMIN while there is none; 404 afterwards. */
export async function setupRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const setup = createSetupService({ database, config });
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/setup',
    {
      config: { public: true },
      schema: {
        tags: ['setup'],
        summary: 'Whether the first administrator still has to be created (public)',
        security: [],
        response: { 200: successSchema(setupStateSchema) },
      },
    },
    async () => ({ success: true as const, data: { needed: await setup.needed() } }),
  );
  r.post(
    '/api/setup',
    {
      config: { public: true },
      // Closed routes answer as if they did not exist, before looking at the body.
      preValidation: async () => {
        if (!(await setup.needed())) throw notFound('Route');
      },
      schema: {
        tags: ['setup'],
        summary: 'Create the first SUPER_ADMIN and sign in (only while there is none)',
        security: [],
        body: registerBodySchema,
        response: { 201: successSchema(userEnvelopeSchema) },
      },
    },
    async (req, reply) => {
      const signedIn = await setup.run(clientInfo(req), req.body);
      setSessionCookie(reply, config, signedIn);
      return reply.code(201).send({ success: true as const, data: { user: signedIn.user } });
    },
  );
}
