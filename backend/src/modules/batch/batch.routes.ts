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
        summary: 'Several GET requests of this API in one: each answer with its status, in the order asked',
        querystring: batchQuerySchema,
        response: { 200: batchResponseSchema },
      },
    },
    async (req, reply) => {
      const headers = forwardedHeaders(req);
      const answers = await Promise.all(
        req.query.path.map(async (path) => {
          const res = await app.inject({
            method: 'GET',
            url: path,
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
