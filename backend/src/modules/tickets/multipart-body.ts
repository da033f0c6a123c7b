import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { validationError } from '../../lib/app-error.js';
import type { ReceivedUpload } from '../attachments/attachments.service.js';

/**
 * For routes that take JSON or multipart/form-data (a new ticket or a reply with its files): a
 * multipart request's files are streamed to disk first, and its text fields become the body the
 * route's schema validates. The files wait in `uploads` until the handler records them
 * (`withUpload`); a body that is not valid removes them at once.
 */
export function multipartBody(
  receive: (req: FastifyRequest) => Promise<ReceivedUpload>,
  uploads: WeakMap<FastifyRequest, ReceivedUpload>,
  schema: z.ZodType,
  toBody: (fields: Record<string, string>) => unknown,
) {
  return async (req: FastifyRequest) => {
    if (!req.isMultipart()) return;
    const upload = await receive(req);
    uploads.set(req, upload);
    req.body = toBody(upload.fields);
    const parsed = schema.safeParse(req.body);
    if (!parsed.success) {
      await upload.discard();
      throw validationError(
        'The request is not valid',
        parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })),
      );
    }
  };
}

/**
 * Runs the handler with the request's received files (none for JSON); they are removed again when
 * it throws or when `keep` says the answer did not record them (an idempotent replay).
 */
export async function withUpload<T>(
  upload: ReceivedUpload | undefined,
  run: (files: ReceivedUpload['files']) => Promise<T>,
  keep: (result: T) => boolean = () => true,
): Promise<T> {
  let result: T;
  try {
    result = await run(upload?.files ?? []);
  } catch (err) {
    await upload?.discard();
    throw err;
  }
  if (!keep(result)) await upload?.discard();
  return result;
}

/** A JSON-valued form field (e.g. `customFields`); text that is not JSON is left for the schema to refuse. */
export function jsonField(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
