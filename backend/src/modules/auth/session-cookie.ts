import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { ClientInfo } from './auth.service.js';

export const SESSION_COOKIE = 'helpdesk_session';

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

/** Who opens a session (kept with it and in the audit log). */
export function clientInfo(req: FastifyRequest): ClientInfo {
  return { ip: req.ip, userAgent: req.headers['user-agent'] };
}

/** Secure when COOKIE_SECURE=true, or with `auto` when the request came over TLS (via a trusted proxy too). */
function secure(config: Config, req: FastifyRequest): boolean {
  if (config.cookieSecure === 'true') return true;
  if (config.cookieSecure === 'false') return false;
  return req.protocol === 'https';
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Path=/, Secure behind TLS. */
export function setSessionCookie(
  reply: FastifyReply,
  config: Config,
  session: { token: string; maxAgeSeconds: number },
): void {
  const attrs = [
    `${SESSION_COOKIE}=${session.token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${session.maxAgeSeconds}`,
  ];
  if (secure(config, reply.request)) attrs.push('Secure');
  reply.header('Set-Cookie', attrs.join('; '));
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  const attrs = [
    `${SESSION_COOKIE}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    'Max-Age=0',
    'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
  ];
  if (secure(config, reply.request)) attrs.push('Secure');
  reply.header('Set-Cookie', attrs.join('; '));
}
