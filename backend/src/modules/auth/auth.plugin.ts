import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppDeps } from '../../app-deps.js';
import { AppError, unauthenticated } from '../../lib/app-error.js';
import { hashToken } from '../../lib/tokens.js';
import { withFields } from '../../lib/with-fields.js';
import { mustEnrolTwoFactor, waitsForEnrolment } from '../two-factor/two-factor.policy.js';
import type { Actor } from './actor.js';
import { type ActorRow, findSessionActor, findTokenActor, touchSession } from './auth.repository.js';
import { actorOf } from './credentials.service.js';
import { sessionCache } from './session-cache.js';
import { readSessionCookie } from './session-cookie.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller, or null; handlers of non-public routes read it with requestActor(req). */
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every route registered after the auth plugin (all modules), for the route-walk test. */
    registeredRoutes: { method: string; url: string; public: boolean }[];
  }
  interface FastifyContextConfig {
    /**
     * Anyone may call the route without signing in. Every other route of the signed-in scope
     * answers 401 to anonymous callers before its body is even parsed (route-walk.test.ts checks).
     */
    public?: boolean;
  }
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
  return withFields(actorOf(row, via), { twoFactorEnrolmentRequired: mustEnrolTwoFactor(row) });
}

/**
 * Resolves `req.actor` for every /api request from `Authorization: Bearer …` or the session
 * cookie. Deactivated users, revoked or expired sessions and tokens resolve to null at once.
 * Then: cookie (or anonymous) state-changing requests from a foreign origin get 403. The 401 of
 * anonymous callers is the signed-in scope's (below).
 */
export const authPlugin = fp<AppDeps>(
  async (app, { database, config }) => {
    app.decorateRequest('actor', null);
    const sessions = sessionCache(database);
    const registered: { method: string; url: string; public: boolean }[] = [];
    app.decorate('registeredRoutes', registered);
    app.addHook('onRoute', (route) => {
      const isPublic = (route.config as { public?: boolean } | undefined)?.public === true;
      for (const method of [route.method].flat()) registered.push({ method, url: route.url, public: isPublic });
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
        const token = readSessionCookie(req);
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
      const isPublic = req.routeOptions.config.public === true;
      if (req.actor && !isPublic && waitsForEnrolment(req.actor, req.method, pattern)) {
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

type Routes = (app: FastifyInstance, deps: AppDeps) => Promise<void>;

/**
 * The one auth guard: an encapsulated scope for the modules' routes in which every route but
 * those marked `config: { public: true }` answers 401 to anonymous callers, on request, before
 * the body is parsed or a write limit counted. Handlers then take the caller with requestActor(req).
 */
export async function signedInScope(app: FastifyInstance, { deps, routes }: { deps: AppDeps; routes: Routes[] }) {
  app.addHook('onRequest', async (req) => {
    if (!req.actor && req.routeOptions.config.public !== true) throw unauthenticated();
  });
  for (const register of routes) await app.register(register, deps);
}
