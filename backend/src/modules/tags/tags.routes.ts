import {
  addTicketTagBodySchema,
  bulkTagsBodySchema,
  bulkTagsResponseSchema,
  errorResponseSchema,
  idParamsSchema,
  mergeTagBodySchema,
  searchTagsQuerySchema,
  tagDeletedResponseSchema,
  tagListResponseSchema,
  tagResponseSchema,
  tagUsageListResponseSchema,
  ticketRefParamsSchema,
  ticketTagParamsSchema,
  updateTagBodySchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createTagService } from './tags.service.js';

const tags = ['tags'];

/** Tags on tickets (docs/tags.md): thin handlers over tags.service. */
export async function tagRoutes(app: FastifyInstance, deps: AppDeps) {
  const service = createTagService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/tags',
    {
      schema: {
        tags,
        summary: 'Autocomplete tags by name (staff)',
        querystring: searchTagsQuerySchema,
        response: { 200: tagListResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await service.search(requestActor(req), req.query) }),
  );

  r.get(
    '/api/tags/usage',
    {
      schema: {
        tags,
        summary: 'Every tag with its number of tickets (tags.manage)',
        response: { 200: tagUsageListResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await service.listWithUsage(requestActor(req)) }),
  );

  r.post(
    '/api/tickets/:id/tags',
    {
      schema: {
        tags,
        summary: "Tag a ticket (tickets.update; a new name needs tags.create); answers the ticket's tags",
        params: ticketRefParamsSchema,
        body: addTicketTagBodySchema,
        response: { 200: tagListResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await service.addToTicket(requestActor(req), req.params.id, req.body),
    }),
  );

  r.delete(
    '/api/tickets/:id/tags/:tagId',
    {
      schema: {
        tags,
        summary: "Take a tag off a ticket (tickets.update); answers the ticket's tags",
        params: ticketTagParamsSchema,
        response: { 200: tagListResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await service.removeFromTicket(requestActor(req), req.params.id, req.params.tagId),
    }),
  );

  r.post(
    '/api/tags/bulk',
    {
      schema: {
        tags,
        summary: 'Add and remove tags on up to 100 tickets in one transaction; the answer lists each ticket',
        body: bulkTagsBodySchema,
        response: { 200: bulkTagsResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await service.bulk(requestActor(req), req.body) }),
  );

  r.patch(
    '/api/tags/:id',
    {
      schema: {
        tags,
        summary: 'Rename or recolour a tag (tags.manage)',
        params: idParamsSchema,
        body: updateTagBodySchema,
        response: { 200: tagResponseSchema, 409: errorResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await service.update(requestActor(req), req.params.id, req.body),
    }),
  );

  r.post(
    '/api/tags/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a tag into another: its tickets get the other tag and it is removed (tags.manage)',
        params: idParamsSchema,
        body: mergeTagBodySchema,
        response: { 200: tagResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await service.merge(requestActor(req), req.params.id, req.body.intoId),
    }),
  );

  r.delete(
    '/api/tags/:id',
    {
      schema: {
        tags,
        summary: 'Delete a tag and take it off every ticket (tags.manage)',
        params: idParamsSchema,
        response: { 200: tagDeletedResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await service.remove(requestActor(req), req.params.id) }),
  );
}
