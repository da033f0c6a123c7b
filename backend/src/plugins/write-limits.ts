import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppDeps } from '../app-deps.js';
import type { Config } from '../config.js';
import { RateLimitedError } from '../lib/app-error.js';
import { addressKey, hitRateLimits, type RateLimitCheck } from '../lib/rate-limit.js';
import { isStaff } from '../modules/auth/actor.js';

/** What a write-limited route creates; its limits are `config.writeLimits[kind]`. */
type WriteKind = 'tickets' | 'replies' | 'uploads' | 'signups' | 'ratings';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Counts each request against the write limits of this kind (plugins/write-limits.ts). */
    writeLimit?: WriteKind;
  }
}

/** The counters one request adds to: per user (when signed in) and per address, for each kind. */
function writeLimitChecks(
  limits: Config['writeLimits'],
  req: Pick<FastifyRequest, 'actor' | 'ip'>,
  kinds: WriteKind[],
): RateLimitCheck[] {
  const windowSeconds = limits.windowSeconds;
  const checks: RateLimitCheck[] = [];
  for (const kind of kinds) {
    const kindLimits = limits[kind];
    if (req.actor && 'staff' in kindLimits) {
      const limit = isStaff(req.actor) ? kindLimits.staff : kindLimits.customer;
      if (limit > 0) checks.push({ key: `write:${kind}:user:${req.actor.id}`, rule: { limit, windowSeconds } });
    }
    if (kindLimits.ip > 0) {
      checks.push({ key: `write:${kind}:ip:${addressKey(req.ip)}`, rule: { limit: kindLimits.ip, windowSeconds } });
    }
  }
  return checks;
}

/**
 * Write rate limits (issue 13): a route that names a `writeLimit` kind in its config counts each
 * request per user and per address in the shared `rate_limits` table (one statement for all its
 * counters), and answers 429 RATE_LIMITED with Retry-After when one is over its limit. It runs
 * after the auth guard and before validation and the handler, so a refused request writes nothing
 * and a multipart reply is refused before its files are read. A multipart request (files) also
 * counts as an upload.
 */
export const writeLimitsPlugin = fp<AppDeps>(
  async (app, { database, config }) => {
    app.addHook('preValidation', async (req) => {
      const kind = req.routeOptions.config.writeLimit;
      if (!kind) return;
      const kinds: WriteKind[] = kind !== 'uploads' && req.isMultipart() ? [kind, 'uploads'] : [kind];
      const wait = await hitRateLimits(database, writeLimitChecks(config.writeLimits, req, kinds));
      if (wait > 0) throw new RateLimitedError(wait);
    });
  },
  { name: 'write-limits', dependencies: ['auth'] },
);
