import {
  createRoleBodySchema,
  idParamsSchema,
  okSchema,
  roleSchema,
  successSchema,
  updateRoleBodySchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createRoleService } from './roles.service.js';

export async function roleRoutes(app: FastifyInstance, { database }: AppDeps) {
  const roles = createRoleService({ database });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['roles'];
  r.get(
    '/api/roles',
    {
      schema: {
        tags,
        summary: 'Roles and their permissions (users.manage or roles.manage)',
        response: { 200: successSchema(z.array(roleSchema)) },
      },
    },
    async (req) => ({ success: true as const, data: await roles.list(requestActor(req)) }),
  );
  r.post(
    '/api/roles',
    {
      schema: {
        tags,
        summary: 'Create a custom role (roles.manage)',
        body: createRoleBodySchema,
        response: { 201: successSchema(roleSchema) },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ success: true as const, data: await roles.create(requestActor(req), req.body) }),
  );
  r.patch(
    '/api/roles/:id',
    {
      schema: {
        tags,
        summary: 'Change a role (roles.manage; SUPER_ADMIN is fixed)',
        params: idParamsSchema,
        body: updateRoleBodySchema,
        response: { 200: successSchema(roleSchema) },
      },
    },
    async (req) => ({
      success: true as const,
      data: await roles.update(requestActor(req), req.params.id, req.body),
    }),
  );
  r.delete(
    '/api/roles/:id',
    {
      schema: {
        tags,
        summary: 'Delete an unused custom role (roles.manage)',
        params: idParamsSchema,
        response: { 200: successSchema(okSchema) },
      },
    },
    async (req) => {
      await roles.remove(requestActor(req), req.params.id);
      return { success: true as const, data: { ok: true as const } };
    },
  );
}
