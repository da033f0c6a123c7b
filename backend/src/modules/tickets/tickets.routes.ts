import {
  bulkUpdateBodySchema,
  bulkUpdateResponseSchema,
  createMessageBodySchema,
  createTicketBodySchema,
  deleteTicketResponseSchema,
  errorResponseSchema,
  idempotencyHeadersSchema,
  listTicketsQuerySchema,
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
import { validationError } from '../../lib/app-error.js';
import type { ReceivedUpload } from '../attachments/attachments.service.js';
import { attachmentService } from '../attachments/attachments.service.js';
import { createTicketService } from './tickets.service.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  422: errorResponseSchema,
};
/** Write-limited routes (plugins/write-limits.ts). */
const limited = { 429: errorResponseSchema };
const tags = ['tickets'];

/** The ticket API: thin handlers over tickets.service. */
export async function ticketRoutes(app: FastifyInstance, deps: AppDeps) {
  const tickets = createTicketService(deps);
  const attachments = attachmentService(deps);
  /** Files received with a multipart reply, until the handler records or discards them. */
  const uploads = new WeakMap<FastifyRequest, ReceivedUpload>();
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/tickets',
    {
      config: { writeLimit: 'tickets' },
      schema: {
        tags,
        summary: 'File a ticket (optional Idempotency-Key header)',
        headers: idempotencyHeadersSchema,
        body: createTicketBodySchema,
        response: { 201: ticketDetailResponseSchema, 409: errorResponseSchema, ...errors, ...limited },
      },
    },
    async (req, reply) => {
      const { detail, replayed } = await tickets.create(req.actor, req.body, req.headers['idempotency-key']);
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
        response: { 200: ticketPageResponseSchema, ...errors, 503: errorResponseSchema },
      },
    },
    async (req) => {
      const page = await tickets.list(req.actor, req.query);
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
        response: { 200: bulkUpdateResponseSchema, ...errors },
      },
    },
    async (req) => ({ success: true as const, data: await tickets.bulk(req.actor, req.body) }),
  );

  r.get(
    '/api/tickets/:id',
    {
      schema: {
        tags,
        summary: 'A ticket with its conversation and the actions the caller may take (id, #number or number)',
        params: ticketRefParamsSchema,
        response: { 200: ticketDetailResponseSchema, ...errors },
      },
    },
    async (req) => ({ success: true as const, data: await tickets.get(req.actor, req.params.id) }),
  );

  r.patch(
    '/api/tickets/:id',
    {
      schema: {
        tags,
        summary: 'Change status, priority, department, assignee or subject (send the version you read)',
        params: ticketRefParamsSchema,
        body: updateTicketBodySchema,
        response: { 200: ticketDetailResponseSchema, 409: versionConflictResponseSchema, ...errors },
      },
    },
    async (req) => ({ success: true as const, data: await tickets.update(req.actor, req.params.id, req.body) }),
  );

  r.post(
    '/api/tickets/:id/assign-to-me',
    {
      schema: {
        tags,
        summary: 'Take an unassigned ticket; when agents race, one wins and the others get a 409',
        params: ticketRefParamsSchema,
        response: { 200: ticketDetailResponseSchema, 409: versionConflictResponseSchema, ...errors },
      },
    },
    async (req) => ({ success: true as const, data: await tickets.assignToMe(req.actor, req.params.id) }),
  );

  r.post(
    '/api/tickets/:id/messages',
    {
      config: { writeLimit: 'replies' },
      schema: {
        tags,
        summary:
          'Reply, or add an internal note (agents and admins). JSON, or multipart/form-data with the fields ' +
          '`body` and `isInternal` ("true"/"false") and up to MAX_FILES_PER_MESSAGE files',
        consumes: ['application/json', 'multipart/form-data'],
        params: ticketRefParamsSchema,
        body: createMessageBodySchema,
        response: {
          201: ticketMessageResponseSchema,
          ...errors,
          413: errorResponseSchema,
          415: errorResponseSchema,
          ...limited,
        },
      },
      // A multipart reply: stream its files to disk, then validate its text fields as the JSON body.
      preValidation: async (req) => {
        if (!req.isMultipart()) return;
        const upload = await attachments.receive(req);
        uploads.set(req, upload);
        const { body, isInternal } = upload.fields;
        req.body = { body: body ?? '', isInternal: isInternal === 'true' };
        const parsed = createMessageBodySchema.safeParse(req.body);
        if (!parsed.success) {
          await upload.discard();
          throw validationError(
            'The request is not valid',
            parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })),
          );
        }
      },
    },
    async (req, reply) => {
      const upload = uploads.get(req);
      try {
        const data = await tickets.addMessage(req.actor, req.params.id, req.body, upload?.files);
        return reply.code(201).send({ success: true as const, data });
      } catch (err) {
        await upload?.discard();
        throw err;
      }
    },
  );

  r.get(
    '/api/tickets/:id/history',
    {
      schema: {
        tags,
        summary: 'What changed, when and by whom (customers: public events only)',
        params: ticketRefParamsSchema,
        response: { 200: ticketHistoryResponseSchema, ...errors },
      },
    },
    async (req) => ({ success: true as const, data: await tickets.history(req.actor, req.params.id) }),
  );

  r.delete(
    '/api/tickets/:id',
    {
      schema: {
        tags,
        summary: 'Delete a ticket with its messages, history and attachments (tickets.delete)',
        params: ticketRefParamsSchema,
        response: { 200: deleteTicketResponseSchema, ...errors },
      },
    },
    async (req) => ({ success: true as const, data: await tickets.remove(req.actor, req.params.id) }),
  );
}
