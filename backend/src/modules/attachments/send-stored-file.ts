import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../lib/app-error.js';

/**
 * Streams a file of the upload store (a canned response's file, an article's image) with the
 * headers every stored file is served with: its sniffed type, no sniffing by the browser, and a
 * sandbox so that nothing in it runs. A row whose file is gone is logged and answered 404.
 */
export async function sendStoredFile(
  reply: FastifyReply,
  file: { row: { id: string; fileName: string; mimeType: string; storageKey: string }; path: string },
  options: { download: boolean; cacheControl: string },
) {
  let size: number;
  try {
    size = (await stat(file.path)).size;
  } catch {
    reply.log.error({ fileId: file.row.id, storageKey: file.row.storageKey }, 'stored file is missing');
    throw new AppError('NOT_FOUND', 404, 'The file is missing');
  }
  reply
    .header('Content-Type', file.row.mimeType)
    .header('Content-Length', size)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', options.cacheControl);
  if (options.download) {
    reply.header('Content-Disposition', contentDisposition(file.row.fileName, { type: 'attachment' }));
  }
  return reply.send(createReadStream(file.path));
}
