import {
  collabOkResponseSchema,
  presenceBodySchema,
  ticketPresenceResponseSchema,
  ticketRefParamsSchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { compiledSerializer } from '../../lib/compiled-serializer.js';
import { requestActor } from '../auth/actor.js';
import { createPresenceService } from './presence.service.js';

const tags = ['presence'];
const ok = { success: true as const, data: { ok: true as const } };

/**
 * Who else is on a ticket page (issue 17): thin handlers over presence.service. The poll and the
 * heartbeat run every few seconds per open ticket page: their answers' serializers are compiled once.
 */
export async function presenceRoutes(app: FastifyInstance, deps: AppDeps) {
  const presence = createPresenceService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/tickets/:id/presence',
    {
      serializerCompiler: compiledSerializer,
      schema: {
        tags,
        summary: 'The other staff on the ticket now and its newest public message (staff who see the ticket)',
        params: ticketRefParamsSchema,
        response: { 200: ticketPresenceResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await presence.read(requestActor(req), req.params.id) }),
  );

  r.put(
    '/api/tickets/:id/presence',
    {
      config: { unseenByHeavyReads: true },
      serializerCompiler: compiledSerializer,
      schema: {
        tags,
        summary: 'Heartbeat: I am viewing the ticket or typing a reply or a note (for 30 seconds)',
        params: ticketRefParamsSchema,
        body: presenceBodySchema,
        response: { 200: collabOkResponseSchema },
      },
    },
    async (req) => {
      await presence.beat(requestActor(req), req.params.id, req.body);
      return ok;
    },
  );

  r.delete(
    '/api/tickets/:id/presence',
    {
      config: { unseenByHeavyReads: true },
      schema: {
        tags,
        summary: 'I left the ticket page',
        params: ticketRefParamsSchema,
        response: { 200: collabOkResponseSchema },
      },
    },
    async (req) => {
      await presence.leave(requestActor(req), req.params.id);
      return ok;
    },
  );
}
