import {
  createUserBodySchema,
  idParamsSchema,
  listUsersQuerySchema,
  pageSchema,
  resetLinkSchema,
  successSchema,
  updateUserBodySchema,
  userSchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createUserService } from './users.service.js';

export async function userRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const users = createUserService({ database, config });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  const one = successSchema(userSchema);

  r.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Users by name; filters role, active, departmentId, q (users.view)',
        querystring: listUsersQuerySchema,
        response: { 200: pageSchema(userSchema) },
      },
    },
    async (req) => {
      const page = await users.list(requestActor(req), req.query);
      return { success: true as const, data: page.items, meta: { nextCursor: page.nextCursor } };
    },
  );
  r.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Create a user (users.manage; only roles you may give)',
        body: createUserBodySchema,
        response: { 201: one },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ success: true as const, data: await users.create(requestActor(req), req.body) }),
  );
  r.get(
    '/api/users/:id',
    { schema: { tags, summary: 'One user (users.view, or yourself)', params: idParamsSchema, response: { 200: one } } },
    async (req) => ({ success: true as const, data: await users.get(requestActor(req), req.params.id) }),
  );
  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'Change name, email, role, departments or isActive (users.manage)',
        params: idParamsSchema,
        body: updateUserBodySchema,
        response: { 200: one },
      },
    },
    async (req) => ({
      success: true as const,
      data: await users.update(requestActor(req), req.params.id, req.body),
    }),
  );
  r.post(
    '/api/users/:id/deactivate',
    {
      schema: {
        tags,
        summary: 'Deactivate: signs the user out everywhere (users.manage)',
        params: idParamsSchema,
        response: { 200: one },
      },
    },
    async (req) => ({
      success: true as const,
      data: await users.update(requestActor(req), req.params.id, { isActive: false }),
    }),
  );
  r.post(
    '/api/users/:id/reactivate',
    { schema: { tags, summary: 'Reactivate (users.manage)', params: idParamsSchema, response: { 200: one } } },
    async (req) => ({
      success: true as const,
      data: await users.update(requestActor(req), req.params.id, { isActive: true }),
    }),
  );
  r.post(
    '/api/users/:id/reset-link',
    {
      schema: {
        tags,
        summary: 'A one-time password reset link, shown once (users.manage)',
        params: idParamsSchema,
        response: { 201: successSchema(resetLinkSchema) },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send({ success: true as const, data: await users.createResetLink(requestActor(req), req.params.id) }),
  );
}
