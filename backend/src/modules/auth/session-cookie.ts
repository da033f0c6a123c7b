import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { ClientInfo } from './auth.service.js';

export const SESSION_COOKIE = 'helpdesk_session';

/** The session token the request carries (cookies are parsed by @fastify/cookie, registered in app.ts). */
export function readSessionCookie(req: FastifyRequest): string | undefined {
  return req.cookies[SESSION_COOKIE] || undefined;
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

/** httpOnly, SameSite=Lax, Path=/, Secure behind TLS (also for the read replicas' cookie, plugins/read-replicas.ts). */
export const cookieOptions = (config: Config, reply: FastifyReply) =>
  ({ path: '/', httpOnly: true, sameSite: 'lax', secure: secure(config, reply.request) }) as const;

/** Sets the session cookie. */
export function setSessionCookie(
  reply: FastifyReply,
  config: Config,
  session: { token: string; maxAgeSeconds: number },
): void {
  reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions(config, reply), maxAge: session.maxAgeSeconds });
}

/** Ends the session cookie in the browser (Max-Age=0 and an Expires in the past). */
export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.setCookie(SESSION_COOKIE, '', { ...cookieOptions(config, reply), maxAge: 0, expires: new Date(0) });
}
