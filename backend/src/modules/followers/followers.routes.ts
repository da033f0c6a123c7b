import { ticketFollowersResponseSchema, ticketRefParamsSchema } from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createFollowerService } from './followers.service.js';

const tags = ['tickets'];

/** Followers of a ticket: staff told of each new customer message (issue 17). */
export async function followerRoutes(app: FastifyInstance, deps: AppDeps) {
  const followers = createFollowerService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const schema = (summary: string) => ({
    tags,
    summary,
    params: ticketRefParamsSchema,
    response: { 200: ticketFollowersResponseSchema },
  });

  r.get(
    '/api/tickets/:id/followers',
    { schema: schema('Who follows the ticket, and whether I do (staff)') },
    async (req) => ({
      success: true as const,
      data: await followers.list(requestActor(req), req.params.id),
    }),
  );
  r.put('/api/tickets/:id/followers/me', { schema: schema('Follow the ticket (staff; idempotent)') }, async (req) => ({
    success: true as const,
    data: await followers.follow(requestActor(req), req.params.id),
  }));
  r.delete(
    '/api/tickets/:id/followers/me',
    { schema: schema('Stop following the ticket (idempotent)') },
    async (req) => ({
      success: true as const,
      data: await followers.unfollow(requestActor(req), req.params.id),
    }),
  );
}
