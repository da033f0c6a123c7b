import fp from 'fastify-plugin';
import type { AppDeps } from '../app-deps.js';
import { hashToken } from '../lib/tokens.js';
import type { Actor } from '../modules/auth/actor.js';
import { type ActorRow, findSessionActor, findTokenActor, touchSession } from '../modules/auth/auth.repository.js';

export const SESSION_COOKIE = 'helpdesk_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller, or null. Routes refuse null with requireActor(). */
    actor: Actor | null;
  }
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
  };
}

/** Parses the Cookie header for our session cookie only. */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Resolves `req.actor` for every /api request from `Authorization: Bearer …` or the session
 * cookie. Deactivated users, revoked or expired sessions and tokens resolve to null at once.
 */
export const authPlugin = fp<AppDeps>(
  async (app, { database, config }) => {
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (req) => {
      if (!req.url.startsWith('/api/')) return;
      const authorization = req.headers.authorization;
      if (authorization?.startsWith('Bearer ')) {
        const row = await findTokenActor(database.db, hashToken(authorization.slice(7).trim()));
        req.actor = row ? toActor(row, 'token') : null;
        return;
      }
      const token = readSessionCookie(req.headers.cookie);
      if (!token) return;
      const row = await findSessionActor(database.db, hashToken(token), config.sessionIdleMinutes);
      if (!row) return;
      req.actor = toActor(row, 'session');
      if (row.sessionId && (!row.lastSeenAt || Date.now() - new Date(row.lastSeenAt).getTime() > 60_000)) {
        await touchSession(database.db, row.sessionId);
      }
    });
  },
  { name: 'auth' },
);
