import {
  createCustomFieldBodySchema,
  customFieldListResponseSchema,
  customFieldResponseSchema,
  idParamsSchema,
  listCustomFieldsQuerySchema,
  reorderCustomFieldsBodySchema,
  ticketCustomFieldListResponseSchema,
  ticketRefParamsSchema,
  ticketValuesQuerySchema,
  ticketValuesResponseSchema,
  updateCustomFieldBodySchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createTicketService } from '../tickets/tickets.service.js';
import { createCustomFieldService } from './custom-fields.service.js';

const tags = ['custom fields'];

/** Custom field definitions under /api/custom-fields and a ticket's fields; thin handlers. */
export async function customFieldRoutes(app: FastifyInstance, deps: AppDeps) {
  const fields = createCustomFieldService(deps);
  const tickets = createTicketService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/custom-fields',
    {
      schema: {
        tags,
        summary: 'Field definitions in order: staff see all, customers those visible to customers',
        querystring: listCustomFieldsQuerySchema,
        response: { 200: customFieldListResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await fields.list(requestActor(req), req.query) }),
  );

  r.post(
    '/api/custom-fields',
    {
      schema: {
        tags,
        summary: 'Define a ticket field (fields.manage)',
        body: createCustomFieldBodySchema,
        response: { 201: customFieldResponseSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ success: true as const, data: await fields.create(requestActor(req), req.body) }),
  );

  r.put(
    '/api/custom-fields/order',
    {
      schema: {
        tags,
        summary: 'Put every field in a new order (fields.manage)',
        body: reorderCustomFieldsBodySchema,
        response: { 200: customFieldListResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await fields.reorder(requestActor(req), req.body.ids) }),
  );

  r.get(
    '/api/custom-fields/values',
    {
      schema: {
        tags,
        summary: 'Values of up to 100 tickets by key (queue columns): only tickets and fields the caller may see',
        querystring: ticketValuesQuerySchema,
        response: { 200: ticketValuesResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await fields.valuesOfTickets(requestActor(req), req.query.ticketId),
    }),
  );

  r.patch(
    '/api/custom-fields/:id',
    {
      schema: {
        tags,
        summary: 'Relabel, change options (add, rename, retire), rules, scope or archive a field (fields.manage)',
        params: idParamsSchema,
        body: updateCustomFieldBodySchema,
        response: { 200: customFieldResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await fields.update(requestActor(req), req.params.id, req.body),
    }),
  );

  r.get(
    '/api/tickets/:id/custom-fields',
    {
      schema: {
        tags,
        summary:
          "A ticket's fields with values and whether the caller may change them (set them with PATCH /api/tickets/:id)",
        params: ticketRefParamsSchema,
        response: { 200: ticketCustomFieldListResponseSchema },
      },
    },
    async (req) => {
      const actor = requestActor(req);
      const { ticket } = await tickets.get(actor, req.params.id);
      return {
        success: true as const,
        data: await fields.ofTicket(actor, { id: ticket.id, departmentId: ticket.department.id }),
      };
    },
  );
}
