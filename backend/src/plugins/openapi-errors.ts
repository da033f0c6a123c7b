import { errorResponseSchema } from '@helpdesk/contract';
import type { RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The error answers a route can give, read from its shape: 400 for any input, 401/403 unless it
 * is public, 404 for an id in the path, 413/415 for a body, 409/422 for a signed-in write, 429
 * for a write-limited route, and 503 everywhere (shutting down, database unreachable).
 */
function standardErrorStatuses(route: Pick<RouteOptions, 'method' | 'url' | 'schema' | 'config'>): number[] {
  const methods = ([] as string[]).concat(route.method);
  const method = methods.find((m) => m !== 'HEAD') ?? 'GET';
  const schema = route.schema ?? {};
  const isPublic = (route.config as { public?: boolean } | undefined)?.public === true;
  const hasBody = schema.body !== undefined || schema.consumes !== undefined;
  const statuses = new Set<number>([503]);
  if (hasBody || schema.querystring !== undefined || schema.params !== undefined) statuses.add(400);
  if (!isPublic) statuses.add(401).add(403);
  if (schema.params !== undefined) statuses.add(404);
  if (hasBody) statuses.add(413).add(415);
  if (!isPublic && writeMethods.has(method)) statuses.add(409).add(422);
  if (route.config?.writeLimit) statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
}

/**
 * Declares the standard error answers on every API route's response schema, so the OpenAPI
 * document lists them without each route file repeating them; a status a route declares itself
 * (e.g. a 409 carrying the current ticket) is kept. Registered before the routes.
 */
export const openapiErrorsPlugin = fp(
  async (app) => {
    app.addHook('onRoute', (route) => {
      if (!route.schema || route.schema.hide || !/^\/(api|health)\b/.test(route.url)) return;
      const declared = (route.schema.response ?? {}) as Record<string, unknown>;
      const added = Object.fromEntries(standardErrorStatuses(route).map((s) => [s, errorResponseSchema]));
      route.schema.response = { ...added, ...declared };
    });
  },
  { name: 'openapi-errors' },
);
