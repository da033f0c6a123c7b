import {
  type ErrorCode,
  type ErrorDetail,
  type ErrorResponse,
  type ErrorStatus,
  errorStatus,
} from '@helpdesk/contract';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, RateLimitedError } from '../lib/app-error.js';

/** Sends the error shape of DESIGN.md; the status must be one of the code's (contract errorCatalog). */
export function sendError<C extends ErrorCode>(
  reply: FastifyReply,
  status: ErrorStatus<C>,
  code: C,
  message: string,
  details?: ErrorDetail[],
  extra?: Record<string, unknown>,
) {
  const body: ErrorResponse & Record<string, unknown> = { success: false, error: { code, message }, ...extra };
  if (details?.length) body.error.details = details;
  const statusCode = status as number;
  if (statusCode >= 500) body.error.requestId = String(reply.request.id);
  return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
}

/** Fastify's own client errors, mapped to our codes (each answered with its code's status). */
const fastifyCodes: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION_ERROR', message: 'Invalid content length' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: 'The JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: 'The body is not valid JSON' },
  // @fastify/multipart limits (MAX_UPLOAD_MB, MAX_FILES_PER_MESSAGE)
  FST_REQ_FILE_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'A file is larger than the upload limit' },
  FST_FILES_LIMIT: { code: 'PAYLOAD_TOO_LARGE', message: 'Too many files in one request' },
  FST_PARTS_LIMIT: { code: 'PAYLOAD_TOO_LARGE', message: 'Too many parts in the form' },
  FST_FIELDS_LIMIT: { code: 'PAYLOAD_TOO_LARGE', message: 'Too many fields in the form' },
  // The router's (frameworkErrors in app.ts): a URL it cannot decode or a too long path parameter.
  FST_ERR_BAD_URL: { code: 'VALIDATION_ERROR', message: 'The URL is not valid (bad percent-encoding)' },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'VALIDATION_ERROR',
    message: 'A path parameter is longer than 100 characters',
  },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Expected multipart/form-data',
  },
};

/**
 * @fastify/busboy's errors for a malformed multipart body (no boundary, a wrong or too long one, a
 * body cut short) carry no code, only these messages. The request is at fault: 400, not 500.
 */
const malformedMultipart =
  /^(Multipart: Boundary not found|Boundary required|Unexpected end of multipart data|\w+ terminated early due to unexpected end of multipart data|The needle cannot .*)$/;

function isMalformedMultipart(err: FastifyError, req: FastifyRequest): boolean {
  return err.code === undefined && req.isMultipart() && malformedMultipart.test(err.message);
}

function validationDetails(err: FastifyError): ErrorDetail[] {
  const where = err.validationContext ?? 'body';
  return (err.validation ?? []).map((issue) => {
    const segments = (issue as { instancePath?: string }).instancePath?.split('/').filter(Boolean) ?? [];
    const params = issue.params as { issue?: { path?: PropertyKey[]; message?: string } } | undefined;
    const zodPath = params?.issue?.path?.map(String) ?? segments;
    return { path: [where, ...zodPath].join('.'), message: issue.message ?? 'Invalid value' };
  });
}

/**
 * The database is down, refusing connections, or every pooled connection stayed busy past the
 * connect timeout: a temporary condition the client should retry (503), not a bug (500).
 */
function isDatabaseUnavailable(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: string; message?: string };
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || code === '57P03' || code === '53300') {
    return true;
  }
  return /timeout exceeded when trying to connect|Connection terminated/i.test(message ?? '');
}

/** The one error handler: route errors (setErrorHandler) and the router's (frameworkErrors). */
export function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    if (err instanceof RateLimitedError) reply.header('Retry-After', String(err.retryAfterSeconds));
    return sendError(reply, err.statusCode, err.code, err.message, err.details, err.extra);
  }
  if (hasZodFastifySchemaValidationErrors(err) || err.validation) {
    return sendError(reply, 400, 'VALIDATION_ERROR', 'The request is not valid', validationDetails(err));
  }
  const known = err.code ? fastifyCodes[err.code] : undefined;
  if (known) return sendError(reply, errorStatus(known.code), known.code, known.message);
  if (isMalformedMultipart(err, req)) {
    return sendError(reply, 400, 'VALIDATION_ERROR', 'The multipart/form-data body is malformed', [
      { path: 'body', message: err.message },
    ]);
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
    return sendError(reply, 500, 'INTERNAL_ERROR', 'Internal Server Error');
  }
  const status = err.statusCode ?? 500;
  // Any other client error of Fastify or a plugin (FST_ERR_INVALID_URL, FST_PROTO_VIOLATION, ...).
  if (status === 404) return sendError(reply, 404, 'NOT_FOUND', err.message);
  if (status >= 400 && status < 500) return sendError(reply, 400, 'BAD_REQUEST', err.message);
  if (isDatabaseUnavailable(err) || isDatabaseUnavailable(err.cause)) {
    req.log.error({ err }, 'database unavailable');
    reply.header('Retry-After', '5');
    return sendError(reply, 503, 'SERVICE_UNAVAILABLE', 'The database is busy or unreachable; try again shortly');
  }
  req.log.error({ err }, 'unexpected error');
  return sendError(reply, 500, 'INTERNAL_ERROR', 'Internal Server Error');
}

/** One error handler for the whole app, plus JSON 404s for unknown API routes. */
export const errorsPlugin = fp(
  async (app) => {
    app.setErrorHandler(handleError);
  },
  { name: 'errors' },
);

export function isApiPath(url: string): boolean {
  return (
    url === '/api' ||
    url.startsWith('/api/') ||
    url.startsWith('/api?') ||
    url === '/health' ||
    url.startsWith('/health/')
  );
}

export function sendNotFound(req: FastifyRequest, reply: FastifyReply) {
  return sendError(reply, 404, 'NOT_FOUND', `Route ${req.method} ${req.url.split('?')[0]} not found`);
}
