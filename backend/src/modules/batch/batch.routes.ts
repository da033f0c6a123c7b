import { batchQuerySchema, batchResponseSchema } from '@helpdesk/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

/** Headers that describe the batch request itself rather than the caller: not passed to each read. */
const ownHeaders = new Set(['content-length', 'content-type', 'accept-encoding', 'connection', 'transfer-encoding']);

function forwardedHeaders(req: FastifyRequest): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !ownHeaders.has(name)) headers[name] = value;
  }
  return headers;
}

const notJson = (path: string) =>
  JSON.stringify({
    success: false,
    error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: `Only JSON answers can be batched: GET ${path} on its own` },
  });

/** As many redirects as a read follows (a merged ticket's old address is one). */
const MAX_REDIRECTS = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * One read of the batch, answered as the browser's fetch would answer it alone: a redirect to
 * another path of this API is followed (a merged ticket's old number answers 308 with the target),
 * anything else is the answer.
 */
async function readFollowingRedirects(
  app: FastifyInstance,
  path: string,
  request: { headers: Record<string, string | string[]>; remoteAddress: string | undefined },
) {
  let res = await app.inject({ method: 'GET', url: path, ...request });
  for (let hop = 0; hop < MAX_REDIRECTS && redirectStatuses.has(res.statusCode); hop++) {
    const location = res.headers.location;
    if (typeof location !== 'string' || !location.startsWith('/api/')) break;
    res = await app.inject({ method: 'GET', url: location, ...request });
  }
  return res;
}

/**
 * `GET /api/batch?path=…&path=…` (issue 22): the reads a page needs when it opens, in one round
 * trip. Each read goes through the whole app as its own GET (light-my-request): the same
 * hooks, session, permissions, replica choice and request log line as if the browser had sent it,
 * with the caller's headers and address. The batch itself is public: a signed-out caller gets
 * each read's own 401.
 */
export async function batchRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/batch',
    {
      config: { public: true },
      schema: {
        tags: ['batch'],
        summary:
          'Several GET requests of this API in one: each answer with its status, in the order asked (redirects within the API followed)',
        querystring: batchQuerySchema,
        response: { 200: batchResponseSchema },
      },
    },
    async (req, reply) => {
      const headers = forwardedHeaders(req);
      const answers = await Promise.all(
        req.query.path.map(async (path) => {
          const res = await readFollowingRedirects(app, path, {
            headers,
            // The socket's own address: trustProxy then reads X-Forwarded-* exactly as for the batch.
            remoteAddress: req.raw.socket.remoteAddress,
          });
          const cookies = res.headers['set-cookie'];
          if (cookies) reply.header('set-cookie', cookies);
          const json = String(res.headers['content-type'] ?? '').includes('application/json') && res.body !== '';
          return { status: json ? res.statusCode : 415, body: json ? res.body : notJson(path) };
        }),
      );
      // The bodies are already JSON: joined as they are rather than parsed and serialised again.
      const items = answers.map((a) => `{"status":${a.status},"body":${a.body}}`).join(',');
      // (A string with a JSON type skips the serializer; the schema above documents the shape.)
      return (reply as FastifyReply).type('application/json; charset=utf-8').send(`{"success":true,"data":[${items}]}`);
    },
  );
}
