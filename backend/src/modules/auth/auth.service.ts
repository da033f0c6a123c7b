import type {
  ApiToken,
  CreateApiTokenBody,
  CreatedApiToken,
  ForgotPasswordBody,
  LoginBody,
  RegisterBody,
  ResetPasswordBody,
  Session,
  TwoFactorChallenge,
  TwoFactorLoginBody,
  UpdateMeBody,
  User,
} from '@helpdesk/contract';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.js';
import type { Config } from '../../config.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { apiTokens, passwordResetTokens, sessions } from '../../db/schema/index.js';
import { AppError, forbidden, notFound } from '../../lib/app-error.js';
import { assertStrongPassword } from '../../lib/password-strength.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { addressKey, enforceRateLimits, type RateLimitRule } from '../../lib/rate-limit.js';
import { iso, isoOrNull } from '../../lib/timestamps.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { recordAudit } from '../audit/audit.service.js';
import { queueAccountMail } from '../mail/mail-queue.service.js';
import { readSettings } from '../settings/settings.service.js';
import * as twoFactor from '../two-factor/two-factor.service.js';
import * as users from '../users/users.service.js';
import { type Actor, isStaff } from './actor.js';
import { findRecipient, issueResetToken, revokeSessions } from './credentials.service.js';
import { assertCurrentPassword } from './email-change.service.js';
import { admitLoginAttempt, recordLoginFailure, recordLoginSuccess } from './login-throttle.js';

/**
 * Abuse limits of password resets and changes (fixed windows in the rate_limits table, shared by
 * all instances). Sign-in: login-throttle.ts; sign-up: the write limits of config.ts.
 */
export const rateLimits = {
  resetPerIp: { limit: 20, windowSeconds: 15 * 60 },
  forgotPerIp: { limit: 10, windowSeconds: 15 * 60 },
  forgotPerAddress: { limit: 3, windowSeconds: 60 * 60 },
  passwordChangePerUser: { limit: 10, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimitRule>;

/** Wrong password, unknown email and deactivated user all get exactly this. */
export const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 401, 'Email or password is wrong');

/** What a request tells about the browser, recorded with its session. */
export interface ClientInfo {
  ip: string;
  userAgent: string | undefined;
}

export interface SignedIn {
  user: User;
  /** The new session's secret, for the cookie; never stored. */
  token: string;
  maxAgeSeconds: number;
}

async function limit(database: Database, checks: [string, RateLimitRule][]): Promise<void> {
  await enforceRateLimits(
    database,
    checks.map(([key, rule]) => ({ key, rule })),
  );
}

// Unknown emails are checked against this hash so they take as long as a wrong password.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => {
  dummyHash ??= hashPassword(newToken());
  return dummyHash;
};

/** Starts a new session for the user (a new one at every sign-in). */
export async function startSession(
  db: DbOrTx,
  config: Config,
  userId: string,
  client: ClientInfo,
): Promise<{ token: string; maxAgeSeconds: number }> {
  const token = newToken();
  const maxAgeSeconds = config.sessionMaxDays * 24 * 60 * 60;
  await db.insert(sessions).values({
    userId,
    tokenHash: hashToken(token),
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 500) ?? null,
    expiresAt: sql`now() + make_interval(secs => ${maxAgeSeconds})`,
  });
  await users.setLastLogin(db, userId);
  return { token, maxAgeSeconds };
}

/** `POST /api/auth/login`: throttled per address and per account and address (login-throttle.ts). */
async function login(
  database: Database,
  config: Config,
  client: ClientInfo,
  body: LoginBody,
): Promise<SignedIn | TwoFactorChallenge> {
  const { db } = database;
  await admitLoginAttempt(database, body.email, client.ip);
  const row = await users.findUserByEmail(db, body.email);
  const ok = row?.passwordHash
    ? await verifyPassword(row.passwordHash, body.password)
    : await verifyPassword(await getDummyHash(), body.password).then(() => false);
  if (!row || !ok || !row.isActive) {
    await recordLoginFailure(database, body.email);
    throw invalidCredentials();
  }
  await recordLoginSuccess(database, body.email, client.ip);
  return passwordAccepted(db, config, client, row.id);
}

/**
 * Second step of `login`, after the right password (issue 13): an account with two-factor sign-in
 * gets a challenge instead of a session, answered at `POST /api/auth/login/two-factor`.
 */
async function passwordAccepted(db: DbOrTx, config: Config, client: ClientInfo, userId: string) {
  if (await twoFactor.isEnabled(db, userId)) return twoFactor.createChallenge(db, userId);
  return signIn(db, config, userId, client);
}

async function signIn(db: DbOrTx, config: Config, userId: string, client: ClientInfo): Promise<SignedIn> {
  const session = await startSession(db, config, userId, client);
  return { user: users.presentUser(await users.getUserRow(db, userId)), ...session };
}

/** `POST /api/auth/login/two-factor`: a code (or recovery code) for the challenge starts the session. */
async function loginWithTwoFactor(
  database: Database,
  config: Config,
  client: ClientInfo,
  body: TwoFactorLoginBody,
): Promise<SignedIn> {
  return twoFactor.passChallenge(database, config, body, async (tx, userId) => {
    const row = await users.findUserById(tx, userId);
    if (!row?.isActive) throw invalidCredentials();
    return signIn(tx, config, userId, client);
  });
}

/** `POST /api/auth/register`: customer self-signup, when the setting allows it. */
async function register(database: Database, config: Config, client: ClientInfo, body: RegisterBody): Promise<SignedIn> {
  const { db } = database;
  if (!(await readSettings(db)).selfSignup) {
    throw new AppError('SIGNUP_DISABLED', 403, 'Self-signup is turned off; ask an administrator for an account');
  }
  return db.transaction(async (tx) => {
    const row = await users.insertCustomer(tx, body);
    const session = await startSession(tx, config, row.id, client);
    return { user: users.presentUser(await users.getUserRow(tx, row.id)), ...session };
  });
}

/** `POST /api/auth/logout`: ends the session the cookie names (if any). */
async function logout(db: DbOrTx, sessionToken: string | undefined): Promise<void> {
  if (!sessionToken) return;
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.tokenHash, hashToken(sessionToken)), isNull(sessions.revokedAt)));
}

/** `GET /api/auth/me`. */
async function me(db: DbOrTx, a: Actor): Promise<User> {
  return users.presentUser(await users.getUserRow(db, a.id));
}

/**
 * `PATCH /api/auth/me`: name, and a new password given the current one. A password change
 * ends every session and token-less sign-in of the user; a browser gets a fresh session back.
 */
async function updateMe(
  database: Database,
  config: Config,
  a: Actor,
  client: ClientInfo,
  body: UpdateMeBody,
): Promise<{ user: User; session?: { token: string; maxAgeSeconds: number } }> {
  const { db } = database;
  // Only staff are told of new tickets in their departments.
  if (body.notifyNewUnassigned && !isStaff(a)) throw forbidden();
  if (body.newPassword) {
    await limit(database, [[`password:user:${a.id}`, rateLimits.passwordChangePerUser]]);
    const row = await assertCurrentPassword(db, a.id, body.currentPassword ?? '', 'body.currentPassword');
    await assertStrongPassword(body.newPassword, { email: row.email, name: body.name ?? row.name }, 'body.newPassword');
  }
  const newHash = body.newPassword ? await hashPassword(body.newPassword) : undefined;
  return db.transaction(async (tx) => {
    const before = await users.getUserRow(tx, a.id);
    await users.updateUserRow(tx, a.id, {
      name: body.name,
      locale: body.locale,
      notifyNewUnassigned: body.notifyNewUnassigned,
      passwordHash: newHash,
    });
    let session: { token: string; maxAgeSeconds: number } | undefined;
    if (newHash) {
      await revokeSessions(tx, a.id);
      if (a.via === 'session') session = await startSession(tx, config, a.id, client);
      await recordAudit(tx, a.id, { action: 'user.password_changed', entityType: 'user', entityId: a.id });
    }
    if (body.name !== undefined && body.name !== before.name) {
      await recordAudit(tx, a.id, {
        action: 'user.profile_updated',
        entityType: 'user',
        entityId: a.id,
        before: { name: before.name },
        after: { name: body.name },
      });
    }
    return { user: users.presentUser(await users.getUserRow(tx, a.id)), session };
  });
}

const invalidResetToken = () =>
  new AppError('INVALID_RESET_TOKEN', 400, 'This reset link is invalid, used or expired', [
    { path: 'body.token', message: 'Invalid, used or expired' },
  ]);

/** The reset link's token row while it may still be used. */
const usableResetToken = (token: string) =>
  and(
    eq(passwordResetTokens.tokenHash, hashToken(token)),
    isNull(passwordResetTokens.usedAt),
    gt(passwordResetTokens.expiresAt, sql`now()`),
  );

/**
 * `POST /api/auth/forgot-password`: mails a reset link to an active user with this address when
 * mail is configured. The answer is the same whether or not the address exists (and without mail);
 * rate limited per client address and per address asked for.
 */
async function forgotPassword(
  { database, config }: Pick<AppDeps, 'database' | 'config'>,
  client: ClientInfo,
  body: ForgotPasswordBody,
): Promise<void> {
  await limit(database, [
    [`forgot:ip:${addressKey(client.ip)}`, rateLimits.forgotPerIp],
    [`forgot:email:${body.email.toLowerCase()}`, rateLimits.forgotPerAddress],
  ]);
  if (!config.mail) return;
  await database.db.transaction(async (tx) => {
    const to = await findRecipient(tx, { email: body.email });
    if (!to) return;
    const link = await issueResetToken(tx, to.actor.id, null);
    await queueAccountMail(tx, config.mail, { kind: 'password_reset', to, path: link.url });
  });
}

/** `POST /api/auth/reset-password`: single use; ends the user's sessions. */
async function resetPassword(database: Database, client: ClientInfo, body: ResetPasswordBody): Promise<void> {
  const { db } = database;
  await limit(database, [[`reset:ip:${addressKey(client.ip)}`, rateLimits.resetPerIp]]);
  // The password is judged against its owner's name and address before the link is spent.
  const [link] = await db
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .where(usableResetToken(body.token));
  const owner = link && (await users.findUserById(db, link.userId));
  if (!owner?.isActive) throw invalidResetToken();
  await assertStrongPassword(body.password, owner, 'body.password');
  const passwordHash = await hashPassword(body.password);
  await db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(usableResetToken(body.token))
      .returning({ userId: passwordResetTokens.userId });
    if (!used) throw invalidResetToken();
    const user = await users.findUserById(tx, used.userId);
    if (!user?.isActive) throw invalidResetToken();
    await users.updateUserRow(tx, user.id, { passwordHash });
    // Other outstanding links of the user die with this one.
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)));
    await revokeSessions(tx, user.id);
    await recordAudit(tx, user.id, { action: 'user.password_reset', entityType: 'user', entityId: user.id });
  });
}

/** `GET /api/auth/sessions`: the caller's live sessions. */
async function listSessions(database: Database, config: Config, a: Actor): Promise<Session[]> {
  const rows = await database.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, a.id),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${config.sessionIdleMinutes})`),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((s) => ({
    id: s.id,
    ip: s.ip,
    userAgent: s.userAgent,
    createdAt: iso(s.createdAt),
    lastSeenAt: iso(s.lastSeenAt),
    expiresAt: iso(s.expiresAt),
    current: s.id === a.sessionId,
  }));
}

/** `DELETE /api/auth/sessions`: signs out every other browser of the caller. */
async function revokeOtherSessions(db: DbOrTx, a: Actor): Promise<number> {
  return revokeSessions(db, a.id, a.sessionId);
}

/** `DELETE /api/auth/sessions/:id`: one of the caller's own sessions (404 for anyone else's). */
async function revokeSession(db: DbOrTx, a: Actor, id: string): Promise<void> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, id), eq(sessions.userId, a.id), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  if (!rows.length) throw notFound('Session');
}

function presentToken(t: typeof apiTokens.$inferSelect): ApiToken {
  return {
    id: t.id,
    name: t.name,
    tokenPrefix: t.tokenPrefix,
    expiresAt: isoOrNull(t.expiresAt),
    lastUsedAt: isoOrNull(t.lastUsedAt),
    createdAt: iso(t.createdAt),
  };
}

/** `POST /api/auth/tokens`: the secret is returned this once; only its hash is stored. */
async function createApiToken(db: DbOrTx, a: Actor, body: CreateApiTokenBody): Promise<CreatedApiToken> {
  const secret = newToken('hdp_');
  const [row] = await db
    .insert(apiTokens)
    .values({
      userId: a.id,
      name: body.name,
      tokenHash: hashToken(secret),
      tokenPrefix: secret.slice(0, 10),
      expiresAt: body.expiresInDays ? sql`now() + make_interval(days => ${body.expiresInDays})` : null,
    })
    .returning();
  if (!row) throw new Error('token not stored');
  return { token: presentToken(row), secret };
}

/** `GET /api/auth/tokens`: the caller's tokens that are not revoked. */
async function listApiTokens(db: DbOrTx, a: Actor): Promise<ApiToken[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, a.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(presentToken);
}

/** `DELETE /api/auth/tokens/:id`: the caller's own token (404 for anyone else's). */
async function revokeApiToken(db: DbOrTx, a: Actor, id: string): Promise<void> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, a.id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!rows.length) throw notFound('Token');
}

/**
 * The sign-in and own-account use cases (docs/decisions/007-module-rules.md): actor first where
 * someone is signed in, the client (address, user agent) first where a session may start.
 */
export function createAuthService({ database, config }: Pick<AppDeps, 'database' | 'config'>) {
  const { db } = database;
  return {
    register: (client: ClientInfo, body: RegisterBody) => register(database, config, client, body),
    login: (client: ClientInfo, body: LoginBody) => login(database, config, client, body),
    loginWithTwoFactor: (client: ClientInfo, body: TwoFactorLoginBody) =>
      loginWithTwoFactor(database, config, client, body),
    logout: (sessionToken: string | undefined) => logout(db, sessionToken),
    resetPassword: (client: ClientInfo, body: ResetPasswordBody) => resetPassword(database, client, body),
    forgotPassword: (client: ClientInfo, body: ForgotPasswordBody) =>
      forgotPassword({ database, config }, client, body),
    me: (actor: Actor) => me(db, actor),
    updateMe: (actor: Actor, client: ClientInfo, body: UpdateMeBody) => updateMe(database, config, actor, client, body),
    listSessions: (actor: Actor) => listSessions(database, config, actor),
    revokeOtherSessions: (actor: Actor) => revokeOtherSessions(db, actor),
    revokeSession: (actor: Actor, id: string) => revokeSession(db, actor, id),
    createApiToken: (actor: Actor, body: CreateApiTokenBody) => createApiToken(db, actor, body),
    listApiTokens: (actor: Actor) => listApiTokens(db, actor),
    revokeApiToken: (actor: Actor, id: string) => revokeApiToken(db, actor, id),
  };
}
