import { createHash, randomBytes } from 'node:crypto';

/** A new random secret (session cookie, API token, reset link), URL-safe. */
export function newToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Only this hash of a token is stored, so a database leak does not leak sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
