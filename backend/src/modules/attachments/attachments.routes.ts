import { basename, dirname } from 'node:path';
import send from '@fastify/send';
import {
  attachmentSchema,
  downloadQuerySchema,
  errorResponseSchema,
  idParamsSchema,
  successSchema,
  ticketRefParamsSchema,
} from '@helpdesk/contract';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { AppError } from '../../lib/app-error.js';
import { requestActor } from '../auth/actor.js';
import { createTicketService } from '../tickets/tickets.service.js';
import { attachmentService } from './attachments.service.js';
import { inlineImageTypes } from './content-type.js';

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
      const { row, path } = await service.openForDownload(requestActor(req), req.params.id);
      // @fastify/send answers Range requests (206, 416) and streams the file; validators are off,
      // as before: every download is checked against the caller's access anyway.
      const file = await send(req.raw, basename(path), {
        root: dirname(path),
        acceptRanges: true,
        cacheControl: false,
        etag: false,
        lastModified: false,
        dotfiles: 'allow',
        index: false,
      });
      if (file.type === 'error') {
        if (file.statusCode === 416) {
          reply.header('Content-Range', file.headers['Content-Range']);
          throw new AppError('RANGE_NOT_SATISFIABLE', 416, 'The requested range is outside the file');
        }
        req.log.error({ attachmentId: row.id, storageKey: row.storageKey }, 'attachment file is missing');
        throw new AppError('NOT_FOUND', 404, 'The file of this attachment is missing');
      }
      const inline = req.query.inline === '1' && inlineImageTypes.has(row.mimeType);
      return reply
        .code(file.statusCode as 200 | 206)
        .headers(file.headers)
        .header('Content-Type', row.mimeType)
        .header('Content-Disposition', contentDisposition(row.fileName, { type: inline ? 'inline' : 'attachment' }))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Cache-Control', 'private, no-cache')
        .send(file.stream);
    },
  );
}
