import fp from 'fastify-plugin';
import type { AppDeps } from '../app-deps.js';
import { AppError, unauthenticated } from '../lib/app-error.js';
import { hashToken } from '../lib/tokens.js';
import type { Actor } from '../modules/auth/actor.js';
import { type ActorRow, findSessionActor, findTokenActor, touchSession } from '../modules/auth/auth.repository.js';
import { sessionCache } from '../modules/auth/session-cache.js';
import { mustEnrolTwoFactor, waitsForEnrolment } from '../modules/two-factor/two-factor.policy.js';

export const SESSION_COOKIE = 'helpdesk_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller, or null. Routes refuse null with requireActor(). */
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every route registered after the auth plugin (all modules), for the route-walk test. */
    registeredRoutes: { method: string; url: string }[];
  }
}

/**
 * Routes anyone may call without signing in, as `METHOD /url-pattern` (the pattern as
 * registered, e.g. `GET /api/docs/*`). Every other route answers 401 to anonymous callers
 * before its body is even parsed. A module that adds a public route adds it here (the
 * route-walk test in modules/auth/route-walk.test.ts reads this set).
 */
export const publicRoutes = new Set<string>([
  'GET /health',
  'GET /health/ready',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/static/*',
  'GET /api/docs/json',
  'GET /api/docs/yaml',
  'GET /api/docs/static/index.html',
  'GET /api/docs/static/swagger-initializer.js',
  'GET /api/setup',
  'POST /api/setup',
  'GET /api/settings/public',
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/login/two-factor',
  'POST /api/auth/logout',
  'POST /api/auth/reset-password',
  // The help centre: readable without signing in while the publicHelpCentre setting is on (the
  // knowledge-base service answers 401 otherwise).
  'GET /api/help/categories',
  'GET /api/help/articles',
  'GET /api/help/articles/:id',
  'GET /api/help/suggestions',
  'GET /api/help/images/:id',
  'POST /api/help/articles/:id/vote',
  'POST /api/help/articles/:id/suggestion-opened',
]);

/** Whether `method url` (HEAD counts as GET) is on the public list. */
export function isPublicRoute(method: string, url: string): boolean {
  const m = method === 'HEAD' ? 'GET' : method;
  return publicRoutes.has(`${m} ${url}`);
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a state-changing request that a browser sends from another site carries that site in
 * Origin (or Referer). Such a request is refused unless it authenticates with a bearer token,
 * which a foreign page cannot attach. Requests without either header come from non-browser
 * clients; SameSite=Lax keeps the cookie off cross-site subrequests in any case.
 */
export function isForeignOrigin(headers: Record<string, string | string[] | undefined>, host: string): boolean {
  const origin = typeof headers.origin === 'string' ? headers.origin : undefined;
  const referer = typeof headers.referer === 'string' ? headers.referer : undefined;
  const source = origin ?? referer;
  if (source === undefined) return false;
  if (source === 'null') return true;
  try {
    return new URL(source).host.toLowerCase() !== withoutDefaultPort(host.toLowerCase());
  } catch {
    return true;
  }
}

/** `example.com:443` and `example.com:80` name the same site as `example.com` in an Origin. */
function withoutDefaultPort(host: string): string {
  return host.replace(/:(80|443)$/, '');
}

function toActor(row: ActorRow, via: Actor['via']): Actor {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roleId: row.roleId,
    roleName: row.roleName,
    permissions: new Set(row.permissions),
    departmentIds: row.departmentIds,
    via,
    sessionId: row.sessionId ?? undefined,
    twoFactorEnrolmentRequired: mustEnrolTwoFactor(row),
  };
}

/** Parses the Cookie header for our session cookie only. */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Resolves `req.actor` for every /api request from `Authorization: Bearer …` or the session
 * cookie. Deactivated users, revoked or expired sessions and tokens resolve to null at once.
 * Then: cookie (or anonymous) state-changing requests from a foreign origin get 403, and
 * anonymous requests to a route not in `publicRoutes` get 401.
 */
export const authPlugin = fp<AppDeps>(
  async (app, { database, config }) => {
    app.decorateRequest('actor', null);
    const sessions = sessionCache(database);
    const registered: { method: string; url: string }[] = [];
    app.decorate('registeredRoutes', registered);
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) registered.push({ method, url: route.url });
    });
    app.addHook('onRequest', async (req) => {
      if (!req.url.startsWith('/api/')) return;
      const authorization = req.headers.authorization;
      const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
      if (!bearer && !safeMethods.has(req.method) && isForeignOrigin(req.headers, req.host)) {
        throw new AppError('CSRF_REJECTED', 403, 'Cross-site request refused');
      }
      if (bearer) {
        const row = bearer ? await findTokenActor(database.db, hashToken(bearer)) : undefined;
        req.actor = row ? toActor(row, 'token') : null;
      } else {
        const token = readSessionCookie(req.headers.cookie);
        const hash = token ? hashToken(token) : undefined;
        const idle = config.sessionIdleMinutes;
        const row = hash
          ? (sessions.get(hash, idle) ?? (await sessions.load(hash, () => findSessionActor(database.db, hash, idle))))
          : undefined;
        if (hash && row) {
          req.actor = toActor(row, 'session');
          if (row.sessionId && (!row.lastSeenAt || Date.now() - row.lastSeenAt.getTime() > 60_000)) {
            await touchSession(database.db, row.sessionId);
            sessions.touched(hash, new Date());
          }
        }
      }
      const pattern = req.routeOptions.url;
      if (!req.actor && pattern !== undefined && !isPublicRoute(req.method, pattern)) throw unauthenticated();
      if (req.actor && !isPublicRoute(req.method, pattern ?? '') && waitsForEnrolment(req.actor, req.method, pattern)) {
        throw new AppError(
          'TWO_FACTOR_ENROLMENT_REQUIRED',
          403,
          'Your role requires two-factor sign-in: set it up first (GET /api/auth/two-factor)',
        );
      }
    });
  },
  { name: 'auth' },
);
