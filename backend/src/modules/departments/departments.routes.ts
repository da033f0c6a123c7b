import {
  createDepartmentBodySchema,
  departmentSchema,
  idParamsSchema,
  okSchema,
  setDepartmentMembersBodySchema,
  successSchema,
  updateDepartmentBodySchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { configureDepartmentCache } from './departments.cache.js';
import { createDepartmentService } from './departments.service.js';

export async function departmentRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const departments = createDepartmentService({ database });
  const closeCache = configureDepartmentCache(database, config.redisUrl);
  app.addHook('onClose', closeCache);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['departments'];
  const one = successSchema(departmentSchema);

  r.get(
    '/api/departments',
    {
      schema: {
        tags,
        summary: 'Departments (customers: active ones)',
        response: { 200: successSchema(z.array(departmentSchema)) },
      },
    },
    async (req) => ({ success: true as const, data: await departments.list(requestActor(req)) }),
  );
  r.get(
    '/api/departments/:id',
    { schema: { tags, summary: 'One department', params: idParamsSchema, response: { 200: one } } },
    async (req) => ({ success: true as const, data: await departments.show(requestActor(req), req.params.id) }),
  );
  r.post(
    '/api/departments',
    {
      schema: {
        tags,
        summary: 'Create a department (departments.manage)',
        body: createDepartmentBodySchema,
        response: { 201: one },
      },
    },
    async (req, reply) => {
      const data = await departments.create(requestActor(req), req.body);
      return reply.code(201).send({ success: true as const, data });
    },
  );
  r.patch(
    '/api/departments/:id',
    {
      schema: {
        tags,
        summary: 'Change a department (departments.manage)',
        params: idParamsSchema,
        body: updateDepartmentBodySchema,
        response: { 200: one },
      },
    },
    async (req) => ({
      success: true as const,
      data: await departments.update(requestActor(req), req.params.id, req.body),
    }),
  );
  r.delete(
    '/api/departments/:id',
    {
      schema: {
        tags,
        summary: 'Delete a department without tickets (departments.manage)',
        params: idParamsSchema,
        response: { 200: successSchema(okSchema) },
      },
    },
    async (req) => {
      await departments.remove(requestActor(req), req.params.id);
      return { success: true as const, data: { ok: true as const } };
    },
  );
  r.put(
    '/api/departments/:id/members',
    {
      schema: {
        tags,
        summary: 'Set the members of a department (departments.manage)',
        params: idParamsSchema,
        body: setDepartmentMembersBodySchema,
        response: { 200: one },
      },
    },
    async (req) => ({
      success: true as const,
      data: await departments.setMembers(requestActor(req), req.params.id, req.body),
    }),
  );
}
