import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';

const safeRequestId = /^[A-Za-z0-9._-]{1,64}$/;

/** Uses a caller's X-Request-Id when it is short and plain (from a proxy), else a new uuid. */
export function genRequestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && safeRequestId.test(given) ? given : randomUUID();
}

/**
 * The operations guide's request line, `METHOD PATH STATUS DURATIONms`, once per request.
 * The query string is left out: it may carry tokens.
 */
export const requestLogPlugin = fp(
  async (app) => {
    app.addHook('onRequest', async (req, reply) => {
      reply.header('X-Request-Id', req.id);
    });
    app.addHook('onResponse', async (req, reply) => {
      const path = req.url.split('?')[0];
      const line = `${req.method} ${path} ${reply.statusCode} ${Math.round(reply.elapsedTime)}ms`;
      if (reply.statusCode >= 500) req.log.error(line);
      else req.log.info(line);
    });
  },
  { name: 'request-log' },
);
