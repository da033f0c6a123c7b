import type { ResetLink } from '@helpdesk/contract';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiTokens, passwordResetTokens, sessions } from '../../db/schema/index.js';
import { iso } from '../../lib/timestamps.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { Actor } from './actor.js';
import { type ActorRow, findUserActor } from './auth.repository.js';

/**
 * Sessions, API tokens and reset tokens of a user, for other modules (users, two-factor) to use in
 * their transaction. Imports no other module's service, so users.service can use it without a cycle.
 */

export const RESET_LINK_HOURS = 24;

/** Ends every live session of the user (except `exceptSessionId`); returns how many. */
export async function revokeSessions(db: DbOrTx, userId: string, exceptSessionId?: string): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (exceptSessionId) conditions.push(sql`${sessions.id} <> ${exceptSessionId}`);
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function revokeApiTokens(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

/** Stores a new reset token for the user and returns it with its page URL. */
export async function issueResetToken(tx: DbOrTx, userId: string, createdById: string | null): Promise<ResetLink> {
  const token = newToken('rst_');
  const [row] = await tx
    .insert(passwordResetTokens)
    .values({
      userId,
      createdById,
      tokenHash: hashToken(token),
      expiresAt: sql`now() + make_interval(hours => ${RESET_LINK_HOURS})`,
    })
    .returning({ expiresAt: passwordResetTokens.expiresAt });
  if (!row) throw new Error('reset token not stored');
  return { token, url: `/reset-password?token=${encodeURIComponent(token)}`, expiresAt: iso(row.expiresAt) };
}

/** The Actor of a user row (sessions, tokens, mail recipients); two-factor enrolment is the plugin's concern. */
export function actorOf(row: ActorRow, via: Actor['via']): Actor {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roleId: row.roleId,
    roleName: row.roleName,
    permissions: new Set(row.permissions),
    departmentIds: row.departmentIds,
    sharedOrganisationId: row.sharedOrganisationId,
    via,
    sessionId: row.sessionId ?? undefined,
    twoFactorEnrolmentRequired: false,
  };
}

/** A user as the access rules see them, for what is sent to them outside a request (mail). */
export interface Recipient {
  actor: Actor;
  locale: string | null;
}

/** The active user with this id or address (case-insensitive), or undefined. */
export async function findRecipient(
  db: DbOrTx,
  by: { id: string } | { email: string },
): Promise<Recipient | undefined> {
  const row = await findUserActor(db, by);
  if (!row) return undefined;
  return { locale: row.locale, actor: actorOf(row, 'token') };
}
