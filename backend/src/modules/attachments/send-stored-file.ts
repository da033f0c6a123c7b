import { Readable } from 'node:stream';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import { AppError } from '../../lib/app-error.js';
import { type FileStore, MissingObjectError } from './attachments.storage.js';

/** A stored file to send: its row and the store it is in. */
export interface FileToSend {
  row: { id: string; fileName: string; mimeType: string; storageKey: string };
  store: FileStore;
}

function missing(reply: FastifyReply, file: FileToSend): never {
  reply.log.error({ fileId: file.row.id, storageKey: file.row.storageKey }, 'stored file is missing');
  throw new AppError('NOT_FOUND', 404, 'The file is missing');
}

/**
 * Which bytes to send: a single satisfiable `Range` gives 206; an unsatisfiable one 416; a
 * malformed one, several ranges, or an `If-Range` (we send no validators to compare it with)
 * the whole file, as @fastify/send did.
 */
function requestedRange(req: FastifyRequest, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const header = req.headers.range;
  if (!header || req.headers['if-range'] !== undefined) return null;
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return null;
  const [range] = ranges;
  return range ? { start: range.start, end: range.end } : null;
}

/**
 * Streams a stored file (an attachment, a canned response's file, an article's image) from the
 * store, local or bucket, with the headers every stored file is served with: its sniffed type, no
 * sniffing by the browser, and a sandbox so that nothing in it runs. With `ranges`, a `Range`
 * request gets 206 (or 416). A row whose file is gone is logged and answered 404.
 */
export async function sendStoredFile(
  req: FastifyRequest,
  reply: FastifyReply,
  file: FileToSend,
  options: { disposition?: 'attachment' | 'inline'; cacheControl: string; ranges?: boolean },
) {
  const info = await file.store.stat(file.row.storageKey);
  if (!info) return missing(reply, file);
  const range = options.ranges ? requestedRange(req, info.size) : null;
  if (range === 'unsatisfiable') {
    reply.header('Content-Range', `bytes */${info.size}`);
    throw new AppError('RANGE_NOT_SATISFIABLE', 416, 'The requested range is outside the file');
  }
  let body: NodeJS.ReadableStream | undefined;
  try {
    // Opened before any header is set: a file that vanished since `stat` is still a clean 404.
    // HEAD gets the headers only (no download from a bucket just to discard it).
    if (req.method !== 'HEAD') body = await file.store.read(file.row.storageKey, range ?? undefined);
  } catch (err) {
    if (err instanceof MissingObjectError) return missing(reply, file);
    throw err;
  }
  if (options.ranges) reply.header('Accept-Ranges', 'bytes');
  if (range) {
    reply.code(206).header('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`);
  }
  reply
    .header('Content-Type', file.row.mimeType)
    .header('Content-Length', range ? range.end - range.start + 1 : info.size)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', options.cacheControl);
  if (options.disposition) {
    reply.header('Content-Disposition', contentDisposition(file.row.fileName, { type: options.disposition }));
  }
  // Fastify's HEAD route drains a stream and keeps the Content-Length set here (an undefined
  // body would become 0).
  return reply.send(body ?? Readable.from([]));
}
