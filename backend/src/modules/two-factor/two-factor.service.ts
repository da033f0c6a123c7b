import type {
  ConfirmTwoFactorBody,
  DisableTwoFactorBody,
  RecoveryCodes,
  RegenerateRecoveryCodesBody,
  TwoFactorChallenge,
  TwoFactorLoginBody,
  TwoFactorSetup,
  TwoFactorStatus,
} from '@helpdesk/contract';
import { Secret, TOTP } from 'otpauth';
import type { AppDeps } from '../../app-deps.js';
import type { Config } from '../../config.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { AppError, validationError } from '../../lib/app-error.js';
import { verifyPassword } from '../../lib/passwords.js';
import { clearRateLimit, enforceRateLimits, type RateLimitRule } from '../../lib/rate-limit.js';
import { openSecret, sealSecret } from '../../lib/secret-box.js';
import { isoOrNull } from '../../lib/timestamps.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { revokeSessions } from '../auth/credentials.service.js';
import { readSettings } from '../settings/settings.service.js';
import * as users from '../users/users.service.js';
import { isStaffRole } from './two-factor.policy.js';
import * as repo from './two-factor.repository.js';

const CHALLENGE_SECONDS = 5 * 60;
const RECOVERY_CODE_COUNT = 10;

/**
 * Code guessing limits (rate_limits table, shared by all instances): a challenge dies after a few
 * wrong codes, and every code check of an account (sign-in, confirm, disable, new recovery
 * codes) counts against one budget. Six digits leave 1 in 10^6 per guess (3 codes accepted).
 */
export const twoFactorLimits = {
  perChallenge: { limit: 5, windowSeconds: CHALLENGE_SECONDS },
  perAccount: { limit: 10, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimitRule>;

const accountKey = (userId: string) => `2fa:account:${userId}`;

/** A wrong, replayed or unknown code (the status differs: 401 at sign-in, 400 when signed in). */
const invalidCode = (status: 400 | 401, field: 'code' | 'recoveryCode', message = 'The code is not valid') =>
  new AppError('INVALID_TWO_FACTOR_CODE', status, message, [{ path: `body.${field}`, message }]);

const notEnabled = () => new AppError('TWO_FACTOR_NOT_ENABLED', 409, 'Two-factor sign-in is not on');

/** RFC 6238 defaults, which every authenticator app reads: SHA-1, 6 digits, 30 seconds. */
function totp(secret: string, label = '', issuer = ''): TOTP {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
}

/**
 * Checks a code from the app: the current time step or one either side (clock drift), and only
 * a step later than the last accepted one, so a seen code cannot be replayed (RFC 6238 §5.2).
 */
async function checkTotp(
  db: DbOrTx,
  config: Config,
  row: repo.TwoFactorRow,
  code: string,
  status: 400 | 401,
): Promise<void> {
  const generator = totp(openSecret(config.twoFactorEncryptionKey, row.secret, row.userId));
  const now = Date.now();
  const delta = generator.validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) throw invalidCode(status, 'code');
  if (!(await repo.acceptStep(db, row.userId, generator.counter({ timestamp: now }) + delta))) {
    throw invalidCode(status, 'code', 'This code was used already; wait for the next one');
  }
}

/**
 * Recovery codes: 80 random bits each (16 base32 characters). Stored as SHA-256, not argon2:
 * a slow hash protects guessable secrets such as passwords, while 2^80 candidates stay out of
 * reach at any hash speed; a plain hash also lets one indexed update find and use up a code.
 */
const hashRecoveryCode = (code: string) => hashToken(code.toUpperCase().replace(/[\s-]+/g, ''));

async function issueRecoveryCodes(tx: DbOrTx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    (new Secret({ size: 10 }).base32.match(/.{4}/g) ?? []).join('-'),
  );
  await repo.replaceRecoveryCodes(tx, userId, codes.map(hashRecoveryCode));
  return codes;
}

/** Either kind of code; a recovery code is used up. */
async function checkEitherCode(
  tx: DbOrTx,
  config: Config,
  row: repo.TwoFactorRow,
  body: { code?: string; recoveryCode?: string },
  status: 400 | 401,
): Promise<void> {
  if (body.code !== undefined) return checkTotp(tx, config, row, body.code, status);
  if (!(await repo.useRecoveryCode(tx, row.userId, hashRecoveryCode(body.recoveryCode ?? '')))) {
    throw invalidCode(status, 'recoveryCode', 'The recovery code is not valid or was used already');
  }
}

/** The user's factor when it is on; counts the attempt against the account's code budget. */
async function enabledFactorAttempt(database: Database, userId: string): Promise<repo.TwoFactorRow> {
  const row = await repo.findTwoFactor(database.db, userId);
  if (!row?.enabledAt) throw notEnabled();
  await enforceRateLimits(database, [{ key: accountKey(userId), rule: twoFactorLimits.perAccount }]);
  return row;
}

/** Whether the user signs in with a second factor (for the password step of sign-in). */
export async function isEnabled(db: DbOrTx, userId: string): Promise<boolean> {
  return Boolean((await repo.findTwoFactor(db, userId))?.enabledAt);
}

/** `GET /api/auth/two-factor`. */
async function status(db: DbOrTx, a: Actor): Promise<TwoFactorStatus> {
  const row = await repo.findTwoFactor(db, a.id);
  const enabled = Boolean(row?.enabledAt);
  const required = (await readSettings(db)).requireTwoFactorForStaff && isStaffRole(a.roleName, [...a.permissions]);
  return {
    enabled,
    enabledAt: isoOrNull(row?.enabledAt),
    pending: Boolean(row && !row.enabledAt),
    recoveryCodesLeft: enabled ? await repo.countRecoveryCodesLeft(db, a.id) : 0,
    required,
    enrolmentRequired: required && !enabled,
  };
}

/** `POST /api/auth/two-factor/setup`: a new secret (replacing an unconfirmed one), off until confirmed. */
async function startEnrolment(db: DbOrTx, config: Config, a: Actor): Promise<TwoFactorSetup> {
  const secret = new Secret({ size: 20 }).base32;
  if (!(await repo.savePendingSecret(db, a.id, sealSecret(config.twoFactorEncryptionKey, secret, a.id)))) {
    throw new AppError('TWO_FACTOR_ALREADY_ENABLED', 409, 'Two-factor sign-in is already on; turn it off first');
  }
  const otpauthUri = totp(secret, a.email, (await readSettings(db)).helpdeskName).toString();
  // Loaded on first enrolment: every other request never needs it.
  const { default: QRCode } = await import('qrcode');
  const qrCode = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { secret, otpauthUri, qrCode };
}

/**
 * `POST /api/auth/two-factor/confirm`: a current code turns it on and returns the recovery codes
 * (shown this once). The caller's other sessions end unless they chose to keep them.
 */
async function confirmEnrolment(
  database: Database,
  config: Config,
  a: Actor,
  body: ConfirmTwoFactorBody,
): Promise<RecoveryCodes> {
  const { db } = database;
  await enforceRateLimits(database, [{ key: accountKey(a.id), rule: twoFactorLimits.perAccount }]);
  return db.transaction(async (tx) => {
    const row = await repo.findTwoFactor(tx, a.id);
    if (!row) throw new AppError('TWO_FACTOR_NOT_STARTED', 409, 'Start the set-up first');
    if (row.enabledAt) throw new AppError('TWO_FACTOR_ALREADY_ENABLED', 409, 'Two-factor sign-in is already on');
    await checkTotp(tx, config, row, body.code, 400);
    await repo.markEnabled(tx, a.id);
    const recoveryCodes = await issueRecoveryCodes(tx, a.id);
    const signedOutSessions = body.signOutOtherSessions === false ? 0 : await revokeSessions(tx, a.id, a.sessionId);
    await clearRateLimit(tx, accountKey(a.id));
    await recordAudit(tx, a.id, {
      action: 'user.two_factor_enabled',
      entityType: 'user',
      entityId: a.id,
      after: { signedOutSessions },
    });
    return { recoveryCodes, signedOutSessions };
  });
}

/** `POST /api/auth/two-factor/recovery-codes`: ten new codes; the old ones stop working. */
async function regenerateRecoveryCodes(
  database: Database,
  config: Config,
  a: Actor,
  body: RegenerateRecoveryCodesBody,
): Promise<RecoveryCodes> {
  const { db } = database;
  const row = await enabledFactorAttempt(database, a.id);
  return db.transaction(async (tx) => {
    await checkTotp(tx, config, row, body.code, 400);
    const recoveryCodes = await issueRecoveryCodes(tx, a.id);
    await clearRateLimit(tx, accountKey(a.id));
    await recordAudit(tx, a.id, { action: 'user.recovery_codes_regenerated', entityType: 'user', entityId: a.id });
    return { recoveryCodes };
  });
}

/** `POST /api/auth/two-factor/disable`: needs the password and a code (or a recovery code). */
async function disable(database: Database, config: Config, a: Actor, body: DisableTwoFactorBody): Promise<void> {
  const { db } = database;
  const row = await enabledFactorAttempt(database, a.id);
  const user = await users.getUserRow(db, a.id);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, body.password))) {
    throw validationError('The password is wrong', [{ path: 'body.password', message: 'Wrong password' }]);
  }
  await db.transaction(async (tx) => {
    await checkEitherCode(tx, config, row, body, 400);
    await repo.deleteTwoFactor(tx, a.id);
    await clearRateLimit(tx, accountKey(a.id));
    await recordAudit(tx, a.id, { action: 'user.two_factor_disabled', entityType: 'user', entityId: a.id });
  });
}

/** After a right password: the challenge that the second step of sign-in answers. */
export async function createChallenge(db: DbOrTx, userId: string): Promise<TwoFactorChallenge> {
  const challengeToken = newToken('tfa_');
  const expiresAt = await repo.insertChallenge(db, userId, hashToken(challengeToken), CHALLENGE_SECONDS);
  return { twoFactorRequired: true, challengeToken, expiresAt: expiresAt.toISOString() };
}

const invalidChallenge = () =>
  new AppError('TWO_FACTOR_CHALLENGE_INVALID', 401, 'This sign-in has expired or was used; sign in again');

/**
 * The second step of sign-in: counts the attempt (per challenge and per account), then in one
 * transaction checks the code, uses the challenge up and runs `inTransaction` (which starts the
 * session), so a failure anywhere leaves the challenge and the code unused.
 */
export async function passChallenge<T>(
  database: Database,
  config: Config,
  body: TwoFactorLoginBody,
  inTransaction: (tx: DbOrTx, userId: string) => Promise<T>,
): Promise<T> {
  const { db } = database;
  const challenge = await repo.findLiveChallenge(db, hashToken(body.challengeToken));
  if (!challenge) throw invalidChallenge();
  await enforceRateLimits(database, [
    { key: `2fa:challenge:${challenge.id}`, rule: twoFactorLimits.perChallenge },
    { key: accountKey(challenge.userId), rule: twoFactorLimits.perAccount },
  ]);
  return db.transaction(async (tx) => {
    const row = await repo.findTwoFactor(tx, challenge.userId);
    if (!row?.enabledAt) throw invalidChallenge();
    await checkEitherCode(tx, config, row, body, 401);
    if (!(await repo.useChallenge(tx, challenge.id))) throw invalidChallenge();
    await clearRateLimit(tx, accountKey(challenge.userId));
    return inTransaction(tx, challenge.userId);
  });
}

/**
 * `helpdesk users:reset-2fa`: removes the user's two-factor sign-in and recovery codes and ends
 * their sessions, audited; for a user who lost both the app and the codes.
 */
export async function resetForUser(
  tx: DbOrTx,
  userId: string,
): Promise<{ wasEnabled: boolean; revokedSessions: number }> {
  const wasEnabled = await repo.deleteTwoFactor(tx, userId);
  const revokedSessions = await revokeSessions(tx, userId);
  await recordAudit(tx, null, {
    action: 'user.two_factor_reset',
    entityType: 'user',
    entityId: userId,
    after: { via: 'cli', wasEnabled, revokedSessions },
  });
  return { wasEnabled, revokedSessions };
}

/** The caller's own two-factor use cases, actor first (docs/decisions/007-module-rules.md). */
export function createTwoFactorService({ database, config }: Pick<AppDeps, 'database' | 'config'>) {
  const { db } = database;
  return {
    status: (actor: Actor) => status(db, actor),
    startEnrolment: (actor: Actor) => startEnrolment(db, config, actor),
    confirmEnrolment: (actor: Actor, body: ConfirmTwoFactorBody) => confirmEnrolment(database, config, actor, body),
    regenerateRecoveryCodes: (actor: Actor, body: RegenerateRecoveryCodesBody) =>
      regenerateRecoveryCodes(database, config, actor, body),
    disable: (actor: Actor, body: DisableTwoFactorBody) => disable(database, config, actor, body),
  };
}
