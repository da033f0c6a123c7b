import {
  cannedFileListResponseSchema,
  cannedFileParamsSchema,
  cannedResponseListResponseSchema,
  cannedResponseResponseSchema,
  createCannedResponseBodySchema,
  errorResponseSchema,
  idParamsSchema,
  listCannedResponsesQuerySchema,
  okSchema,
  renderedCannedResponseResponseSchema,
  successSchema,
  ticketCannedParamsSchema,
  ticketCannedResponsesQuerySchema,
  ticketRefParamsSchema,
  updateCannedResponseBodySchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { sendStoredFile } from '../attachments/attachments.service.js';
import { requestActor } from '../auth/actor.js';
import { createCannedResponseService } from './canned-responses.service.js';

/** Canned responses under /api/canned-responses, and the ones offered on a ticket: thin handlers. */
export async function cannedResponseRoutes(app: FastifyInstance, deps: AppDeps) {
  const canned = createCannedResponseService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['canned responses'];

  r.get(
    '/api/canned-responses',
    {
      schema: {
        tags,
        summary: 'Shared responses (canned.manage) or your personal ones, most used first; q searches title and body',
        querystring: listCannedResponsesQuerySchema,
        response: { 200: cannedResponseListResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await canned.list(requestActor(req), req.query) }),
  );

  r.post(
    '/api/canned-responses',
    {
      schema: {
        tags,
        summary: 'Create a shared (canned.manage) or personal (tickets.reply) response',
        body: createCannedResponseBodySchema,
        response: { 201: cannedResponseResponseSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ success: true as const, data: await canned.create(requestActor(req), req.body) }),
  );

  r.get(
    '/api/canned-responses/:id',
    {
      schema: {
        tags,
        summary: 'One response',
        params: idParamsSchema,
        response: { 200: cannedResponseResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await canned.get(requestActor(req), req.params.id) }),
  );

  r.patch(
    '/api/canned-responses/:id',
    {
      schema: {
        tags,
        summary: 'Change a response (shared: canned.manage; personal: its owner)',
        params: idParamsSchema,
        body: updateCannedResponseBodySchema,
        response: { 200: cannedResponseResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await canned.update(requestActor(req), req.params.id, req.body),
    }),
  );

  r.delete(
    '/api/canned-responses/:id',
    {
      schema: {
        tags,
        summary: 'Delete a response (shared: canned.manage; personal: its owner)',
        params: idParamsSchema,
        response: { 200: successSchema(okSchema) },
      },
    },
    async (req) => {
      await canned.remove(requestActor(req), req.params.id);
      return { success: true as const, data: { ok: true as const } };
    },
  );

  r.get(
    '/api/tickets/:id/canned-responses',
    {
      schema: {
        tags,
        summary: "The responses the caller may use on this ticket (own, shared, this department's), most used first",
        params: ticketRefParamsSchema,
        querystring: ticketCannedResponsesQuerySchema,
        response: { 200: cannedResponseListResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await canned.forTicket(requestActor(req), req.params.id, req.query),
    }),
  );

  r.post(
    '/api/tickets/:id/canned-responses/:responseId/render',
    {
      schema: {
        tags,
        summary: 'A response with its placeholders filled for this ticket; counts a use',
        params: ticketCannedParamsSchema,
        response: { 200: renderedCannedResponseResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await canned.render(requestActor(req), req.params.id, req.params.responseId),
    }),
  );

  r.post(
    '/api/canned-responses/:id/files',
    {
      config: { writeLimit: 'uploads' },
      schema: {
        tags,
        summary: 'Add files sent with the response (multipart/form-data, field `files`; whoever may change it)',
        consumes: ['multipart/form-data'],
        params: idParamsSchema,
        response: {
          201: cannedFileListResponseSchema,
          413: errorResponseSchema,
          415: errorResponseSchema,
          429: errorResponseSchema,
        },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send({ success: true as const, data: await canned.addFiles(requestActor(req), req.params.id, req) }),
  );

  r.get(
    '/api/canned-responses/:id/files/:fileId',
    {
      compress: false,
      schema: {
        tags,
        summary: "A response's file, to whoever may see the response",
        params: cannedFileParamsSchema,
        response: { 200: z.unknown().describe('The file') },
      },
    },
    async (req, reply) => {
      const file = await canned.openFile(requestActor(req), req.params.id, req.params.fileId);
      return sendStoredFile(req, reply, file, { disposition: 'attachment', cacheControl: 'private, no-cache' });
    },
  );

  r.delete(
    '/api/canned-responses/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: "Remove a response's file (whoever may change the response)",
        params: cannedFileParamsSchema,
        response: { 200: successSchema(okSchema) },
      },
    },
    async (req) => {
      await canned.removeFile(requestActor(req), req.params.id, req.params.fileId);
      return { success: true as const, data: { ok: true as const } };
    },
  );
}
