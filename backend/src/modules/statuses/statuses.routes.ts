import {
  createPriorityBodySchema,
  createStatusBodySchema,
  idParamsSchema,
  okSchema,
  successSchema,
  ticketPrioritySchema,
  ticketStatusSchema,
  updatePriorityBodySchema,
  updateStatusBodySchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createStatusService } from './statuses.service.js';

/** Ticket statuses and priorities: read by everyone signed in, changed with statuses.manage. */
export async function statusRoutes(app: FastifyInstance, { database }: AppDeps) {
  const statuses = createStatusService({ database });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ok = successSchema(okSchema);

  const status = successSchema(ticketStatusSchema);
  r.get(
    '/api/statuses',
    {
      schema: {
        tags: ['statuses'],
        summary: 'Ticket statuses in display order',
        response: { 200: successSchema(z.array(ticketStatusSchema)) },
      },
    },
    async (req) => ({ success: true as const, data: await statuses.listStatuses(requestActor(req)) }),
  );
  r.post(
    '/api/statuses',
    {
      schema: {
        tags: ['statuses'],
        summary: 'Create a status (statuses.manage)',
        body: createStatusBodySchema,
        response: { 201: status },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ success: true as const, data: await statuses.createStatus(requestActor(req), req.body) }),
  );
  r.patch(
    '/api/statuses/:id',
    {
      schema: {
        tags: ['statuses'],
        summary: 'Rename, recolour, reorder (sortOrder) or mark closed/default (statuses.manage)',
        params: idParamsSchema,
        body: updateStatusBodySchema,
        response: { 200: status },
      },
    },
    async (req) => ({
      success: true as const,
      data: await statuses.updateStatus(requestActor(req), req.params.id, req.body),
    }),
  );
  r.delete(
    '/api/statuses/:id',
    {
      schema: {
        tags: ['statuses'],
        summary: 'Delete an unused, non-default status (statuses.manage)',
        params: idParamsSchema,
        response: { 200: ok },
      },
    },
    async (req) => {
      await statuses.deleteStatus(requestActor(req), req.params.id);
      return { success: true as const, data: { ok: true as const } };
    },
  );

  const priority = successSchema(ticketPrioritySchema);
  r.get(
    '/api/priorities',
    {
      schema: {
        tags: ['priorities'],
        summary: 'Ticket priorities, most urgent first',
        response: { 200: successSchema(z.array(ticketPrioritySchema)) },
      },
    },
    async (req) => ({ success: true as const, data: await statuses.listPriorities(requestActor(req)) }),
  );
  r.post(
    '/api/priorities',
    {
      schema: {
        tags: ['priorities'],
        summary: 'Create a priority (statuses.manage)',
        body: createPriorityBodySchema,
        response: { 201: priority },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send({ success: true as const, data: await statuses.createPriority(requestActor(req), req.body) }),
  );
  r.patch(
    '/api/priorities/:id',
    {
      schema: {
        tags: ['priorities'],
        summary: 'Change a priority (statuses.manage)',
        params: idParamsSchema,
        body: updatePriorityBodySchema,
        response: { 200: priority },
      },
    },
    async (req) => ({
      success: true as const,
      data: await statuses.updatePriority(requestActor(req), req.params.id, req.body),
    }),
  );
  r.delete(
    '/api/priorities/:id',
    {
      schema: {
        tags: ['priorities'],
        summary: 'Delete an unused, non-default priority (statuses.manage)',
        params: idParamsSchema,
        response: { 200: ok },
      },
    },
    async (req) => {
      await statuses.deletePriority(requestActor(req), req.params.id);
      return { success: true as const, data: { ok: true as const } };
    },
  );
}
