import {
  attachmentSchema,
  downloadQuerySchema,
  errorResponseSchema,
  idParamsSchema,
  successSchema,
  ticketRefParamsSchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createTicketService } from '../tickets/tickets.service.js';
import { attachmentService } from './attachments.service.js';
import { inlineImageTypes } from './content-type.js';
import { sendStoredFile } from './send-stored-file.js';

export async function attachmentRoutes(app: FastifyInstance, deps: AppDeps) {
  const service = attachmentService(deps);
  const tickets = createTicketService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/tickets/:id/attachments',
    {
      config: { writeLimit: 'uploads' },
      schema: {
        tags: ['attachments'],
        summary: 'Upload files to a ticket (id, #number or number; multipart/form-data, field name free)',
        consumes: ['multipart/form-data'],
        params: ticketRefParamsSchema,
        response: {
          201: successSchema(z.array(attachmentSchema)),
          413: errorResponseSchema,
          415: errorResponseSchema,
          429: errorResponseSchema,
        },
      },
    },
    async (req, reply) => {
      const data = await tickets.attachFiles(requestActor(req), req.params.id, req);
      return reply.code(201).send({ success: true as const, data });
    },
  );

  r.get(
    '/api/tickets/:id/attachments',
    {
      schema: {
        tags: ['attachments'],
        summary: "A ticket's files (without internal notes' files for customers)",
        params: ticketRefParamsSchema,
        response: { 200: successSchema(z.array(attachmentSchema)) },
      },
    },
    async (req) => ({
      success: true as const,
      data: await tickets.listFiles(requestActor(req), req.params.id),
    }),
  );

  r.get(
    '/api/attachments/:id',
    {
      // Files are sent as they are stored; ranges need exact byte counts.
      compress: false,
      schema: {
        tags: ['attachments'],
        summary: 'Download a file (as an attachment; raster images inline with ?inline=1; Range supported)',
        params: idParamsSchema,
        querystring: downloadQuerySchema,
        response: {
          200: z.unknown().describe('The file'),
          206: z.unknown().describe('Part of the file'),
          416: errorResponseSchema,
        },
      },
    },
    async (req, reply) => {
      const file = await service.openForDownload(requestActor(req), req.params.id);
      // Validators are off, as before: every download is checked against the caller's access anyway.
      const inline = req.query.inline === '1' && inlineImageTypes.has(file.row.mimeType);
      return sendStoredFile(req, reply, file, {
        disposition: inline ? 'inline' : 'attachment',
        cacheControl: 'private, no-cache',
        ranges: true,
      });
    },
  );
}
