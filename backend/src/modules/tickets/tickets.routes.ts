import {
  bulkUpdateBodySchema,
  bulkUpdateResponseSchema,
  createMessageBodySchema,
  createTicketBodySchema,
  deleteTicketResponseSchema,
  errorResponseSchema,
  idempotencyHeadersSchema,
  listTicketsQuerySchema,
  mergedRedirectResponseSchema,
  mergeTicketBodySchema,
  splitMessageBodySchema,
  splitMessageParamsSchema,
  ticketDetailResponseSchema,
  ticketHistoryResponseSchema,
  ticketMessageResponseSchema,
  ticketPageResponseSchema,
  ticketRefParamsSchema,
  updateTicketBodySchema,
  versionConflictResponseSchema,
} from '@helpdesk/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { compiledSerializer } from '../../lib/compiled-serializer.js';
import type { ReceivedUpload } from '../attachments/attachments.service.js';
import { attachmentService } from '../attachments/attachments.service.js';
import { requestActor } from '../auth/actor.js';
import { jsonField, multipartBody, withUpload } from './multipart-body.js';
import { createTicketService } from './tickets.service.js';

const tags = ['tickets'];

/** The ticket API: thin handlers over tickets.service. */
export async function ticketRoutes(app: FastifyInstance, deps: AppDeps) {
  const tickets = createTicketService(deps);
  const attachments = attachmentService(deps);
  /** Files received with a multipart ticket or reply, until the handler records or discards them. */
  const uploads = new WeakMap<FastifyRequest, ReceivedUpload>();
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/tickets',
    {
      config: { writeLimit: 'tickets' },
      schema: {
        tags,
        summary:
          'File a ticket (optional Idempotency-Key header). JSON, or multipart/form-data with the same ' +
          'fields and up to MAX_FILES_PER_MESSAGE files: the ticket and its files in one transaction',
        consumes: ['application/json', 'multipart/form-data'],
        headers: idempotencyHeadersSchema,
        body: createTicketBodySchema,
        response: {
          201: ticketDetailResponseSchema,
          409: errorResponseSchema,
          413: errorResponseSchema,
          415: errorResponseSchema,
        },
      },
      serializerCompiler: compiledSerializer,
      preValidation: multipartBody(attachments.receive, uploads, createTicketBodySchema, (f) => ({
        subject: f.subject ?? '',
        description: f.description ?? '',
        departmentId: f.departmentId ?? '',
        priorityId: f.priorityId || undefined,
        customerId: f.customerId || undefined,
        customFields: jsonField(f.customFields),
      })),
    },
    async (req, reply) => {
      const { detail, replayed } = await withUpload(
        uploads.get(req),
        (files) =>
          tickets.create(requestActor(req), req.body, req.headers['idempotency-key'], files, req.writesWithNewTicket),
        // A replay answers the first request's ticket; this request's files are not kept.
        (result) => !result.replayed,
      );
      if (replayed) reply.header('Idempotent-Replayed', 'true');
      return reply.code(201).send({ success: true as const, data: detail });
    },
  );

  r.get(
    '/api/tickets',
    {
      schema: {
        tags,
        summary: 'The queue: filters, sort, keyset pages and full-text search',
        querystring: listTicketsQuerySchema,
        response: { 200: ticketPageResponseSchema, 503: errorResponseSchema },
      },
      // Every queue view and search: decision 021's compiled serializer instead of a zod check.
      serializerCompiler: compiledSerializer,
    },
    async (req) => {
      const page = await req.heavyRead((db) => tickets.list(requestActor(req), req.query, db));
      return { success: true as const, data: page.items, meta: { nextCursor: page.nextCursor } };
    },
  );

  r.post(
    '/api/tickets/bulk',
    {
      schema: {
        tags,
        summary: 'Change up to 100 tickets; the answer lists the result per ticket',
        body: bulkUpdateBodySchema,
        response: { 200: bulkUpdateResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await tickets.bulk(requestActor(req), req.body) }),
  );

  r.get(
    '/api/tickets/:id',
    {
      schema: {
        tags,
        summary: 'A ticket with its conversation and the actions the caller may take (id, #number or number)',
        params: ticketRefParamsSchema,
        response: { 200: ticketDetailResponseSchema, 308: mergedRedirectResponseSchema },
      },
      serializerCompiler: compiledSerializer,
    },
    async (req, reply) => {
      const found = await tickets.open(requestActor(req), req.params.id);
      // A merged ticket's old id or number: 308 to the target (fetch follows it; the client navigates).
      if ('mergedIntoId' in found) {
        return reply
          .code(308)
          .header('location', `/api/tickets/${found.mergedIntoId}`)
          .send({ success: true as const, data: found });
      }
      return { success: true as const, data: found };
    },
  );

  r.post(
    '/api/tickets/:id/merge',
    {
      schema: {
        tags,
        summary:
          'Merge this ticket into another (`into`: id or number): messages and files move, this one closes and ' +
          'redirects there. Another customer’s ticket needs tickets.merge_any',
        params: ticketRefParamsSchema,
        body: mergeTicketBodySchema,
        response: { 200: ticketDetailResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await tickets.merge(requestActor(req), req.params.id, req.body) }),
  );

  r.post(
    '/api/tickets/:id/messages/:messageId/split',
    {
      schema: {
        tags,
        summary: 'Make a public message its own ticket (same customer and department), linked both ways',
        params: splitMessageParamsSchema,
        body: splitMessageBodySchema,
        response: { 201: ticketDetailResponseSchema },
      },
    },
    async (req, reply) => {
      const data = await tickets.split(requestActor(req), req.params.id, req.params.messageId, req.body);
      return reply.code(201).send({ success: true as const, data });
    },
  );

  r.patch(
    '/api/tickets/:id',
    {
      schema: {
        tags,
        summary: 'Change status, priority, department, assignee or subject (send the version you read)',
        params: ticketRefParamsSchema,
        body: updateTicketBodySchema,
        response: { 200: ticketDetailResponseSchema, 409: versionConflictResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await tickets.update(requestActor(req), req.params.id, req.body) }),
  );

  r.post(
    '/api/tickets/:id/assign-to-me',
    {
      schema: {
        tags,
        summary: 'Take an unassigned ticket; when agents race, one wins and the others get a 409',
        params: ticketRefParamsSchema,
        response: { 200: ticketDetailResponseSchema, 409: versionConflictResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await tickets.assignToMe(requestActor(req), req.params.id) }),
  );

  r.post(
    '/api/tickets/:id/messages',
    {
      config: { writeLimit: 'replies' },
      schema: {
        tags,
        summary:
          'Reply, or add an internal note (agents and admins); with `statusId` (and `version`) also set the ' +
          'status in the same transaction. JSON, or multipart/form-data with the fields `body`, `isInternal` ' +
          '("true"/"false"), `statusId`, `version` and up to MAX_FILES_PER_MESSAGE files',
        consumes: ['application/json', 'multipart/form-data'],
        params: ticketRefParamsSchema,
        body: createMessageBodySchema,
        response: {
          201: ticketMessageResponseSchema,
          409: versionConflictResponseSchema,
          413: errorResponseSchema,
          415: errorResponseSchema,
        },
      },
      serializerCompiler: compiledSerializer,
      preValidation: multipartBody(attachments.receive, uploads, createMessageBodySchema, (f) => ({
        body: f.body ?? '',
        isInternal: f.isInternal === 'true',
        statusId: f.statusId || undefined,
        version: f.version ? Number(f.version) : undefined,
      })),
    },
    async (req, reply) => {
      const data = await withUpload(uploads.get(req), (files) =>
        tickets.addMessage(requestActor(req), req.params.id, req.body, files),
      );
      return reply.code(201).send({ success: true as const, data });
    },
  );

  r.get(
    '/api/tickets/:id/history',
    {
      schema: {
        tags,
        summary: 'What changed, when and by whom (customers: public events only)',
        params: ticketRefParamsSchema,
        response: { 200: ticketHistoryResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await tickets.history(requestActor(req), req.params.id) }),
  );

  r.delete(
    '/api/tickets/:id',
    {
      schema: {
        tags,
        summary: 'Delete a ticket with its messages, history and attachments (tickets.delete)',
        params: ticketRefParamsSchema,
        response: { 200: deleteTicketResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await tickets.remove(requestActor(req), req.params.id) }),
  );
}
