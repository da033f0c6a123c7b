import type { ChangeEmailBody, ConfirmEmailBody, PendingEmailChange } from '@helpdesk/contract';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { emailChangeTokens } from '../../db/schema/index.js';
import { AppError, validationError } from '../../lib/app-error.js';
import { verifyPassword } from '../../lib/passwords.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../lib/pg-errors.js';
import { addressKey, enforceRateLimits, type RateLimitRule } from '../../lib/rate-limit.js';
import { iso } from '../../lib/timestamps.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { recordAudit } from '../audit/audit.service.js';
import { queueAccountMail } from '../mail/mail-queue.service.js';
import * as users from '../users/users.service.js';
import type { Actor } from './actor.js';
import type { Recipient } from './credentials.service.js';

/**
 * A user's own change of e-mail address (docs/email.md): asked for with the current password,
 * confirmed by a single-use link mailed to the new address, while the old address is told. Needs
 * mail: without it, only an admin changes addresses, as before.
 */

export const EMAIL_CHANGE_LINK_HOURS = 24;

const limits = {
  requestPerUser: { limit: 5, windowSeconds: 60 * 60 },
  confirmPerIp: { limit: 20, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimitRule>;

/** Throws a 400 on `path` unless `password` is the user's current one. */
export async function assertCurrentPassword(db: DbOrTx, userId: string, password: string, path: string) {
  const row = await users.getUserRow(db, userId);
  if (!row.passwordHash || !(await verifyPassword(row.passwordHash, password))) {
    throw validationError('The current password is wrong', [{ path, message: 'Wrong password' }]);
  }
  return row;
}

const mailNotConfigured = () =>
  new AppError(
    'MAIL_NOT_CONFIGURED',
    409,
    'Changing your own e-mail address needs outgoing mail; ask an administrator to change it',
  );

const invalidLink = () =>
  new AppError('INVALID_EMAIL_CHANGE_TOKEN', 400, 'This confirmation link is invalid, used or expired', [
    { path: 'body.token', message: 'Invalid, used or expired' },
  ]);

/** A user's links that may still be opened. */
const usable = () => and(isNull(emailChangeTokens.usedAt), gt(emailChangeTokens.expiresAt, sql`now()`));

/** Every link of the user still open is used up (a newer request, or the change made). */
const useUpLinks = (tx: DbOrTx, userId: string) =>
  tx
    .update(emailChangeTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailChangeTokens.userId, userId), isNull(emailChangeTokens.usedAt)));

/** `POST /api/auth/me/email`: stores a link, mails it to the new address and a notice to the old. */
async function requestEmailChange(
  { database, config }: Pick<AppDeps, 'database' | 'config'>,
  a: Actor,
  body: ChangeEmailBody,
): Promise<PendingEmailChange> {
  if (!config.mail) throw mailNotConfigured();
  await enforceRateLimits(database, [{ key: `email-change:user:${a.id}`, rule: limits.requestPerUser }]);
  const row = await assertCurrentPassword(database.db, a.id, body.currentPassword, 'body.currentPassword');
  if (row.email.toLowerCase() === body.email) {
    throw validationError('This is already your address', [{ path: 'body.email', message: 'Already yours' }]);
  }
  const other = await users.findUserByEmail(database.db, body.email);
  if (other) throw users.emailTaken();
  return database.db.transaction(async (tx) => {
    await useUpLinks(tx, a.id);
    const token = newToken('eml_');
    const [link] = await tx
      .insert(emailChangeTokens)
      .values({
        userId: a.id,
        newEmail: body.email,
        tokenHash: hashToken(token),
        expiresAt: sql`now() + make_interval(hours => ${EMAIL_CHANGE_LINK_HOURS})`,
      })
      .returning({ expiresAt: emailChangeTokens.expiresAt });
    if (!link) throw new Error('e-mail change link not stored');
    // The link goes to the new address (in the user's language); the old address only hears of it.
    const to: Recipient = { actor: a, locale: row.locale };
    const newAddress: Recipient = { actor: { ...a, email: body.email }, locale: row.locale };
    const path = `/confirm-email?token=${encodeURIComponent(token)}`;
    await queueAccountMail(tx, config.mail, { kind: 'email_change', to: newAddress, path, address: body.email });
    await queueAccountMail(tx, config.mail, { kind: 'email_change_notice', to, path: '/profile', address: body.email });
    await recordAudit(tx, a.id, {
      action: 'user.email_change_requested',
      entityType: 'user',
      entityId: a.id,
      after: { email: body.email },
    });
    return { email: body.email, expiresAt: iso(link.expiresAt) };
  });
}

/** `POST /api/auth/confirm-email` (public: the link may be opened on any device): single use. */
async function confirmEmailChange(database: Database, ip: string, body: ConfirmEmailBody): Promise<{ email: string }> {
  await enforceRateLimits(database, [{ key: `confirm-email:ip:${addressKey(ip)}`, rule: limits.confirmPerIp }]);
  return database.db.transaction(async (tx) => {
    const [link] = await tx
      .update(emailChangeTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(emailChangeTokens.tokenHash, hashToken(body.token)), usable()))
      .returning({ userId: emailChangeTokens.userId, newEmail: emailChangeTokens.newEmail });
    if (!link) throw invalidLink();
    const before = await users.findUserById(tx, link.userId);
    if (!before?.isActive) throw invalidLink();
    // Someone may have taken the address since the link was sent (the unique index says so):
    // then nothing changes, and the link stays usable.
    try {
      await users.updateUserRow(tx, before.id, { email: link.newEmail });
    } catch (err) {
      if (pgErrorCode(err) === UNIQUE_VIOLATION) throw users.emailTaken();
      throw err;
    }
    await useUpLinks(tx, before.id);
    await recordAudit(tx, before.id, {
      action: 'user.email_changed',
      entityType: 'user',
      entityId: before.id,
      before: { email: before.email },
      after: { email: link.newEmail },
    });
    return { email: link.newEmail };
  });
}

export function createEmailChangeService({ database, config }: Pick<AppDeps, 'database' | 'config'>) {
  return {
    request: (actor: Actor, body: ChangeEmailBody) => requestEmailChange({ database, config }, actor, body),
    confirm: (ip: string, body: ConfirmEmailBody) => confirmEmailChange(database, ip, body),
  };
}
