import { and, count, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { recoveryCodes, twoFactorChallenges, userTwoFactor } from '../../db/schema/index.js';

export type TwoFactorRow = typeof userTwoFactor.$inferSelect;

export async function findTwoFactor(db: DbOrTx, userId: string): Promise<TwoFactorRow | undefined> {
  const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId));
  return row;
}

/** Stores a new secret waiting for confirmation; false when two-factor sign-in is already on. */
export async function savePendingSecret(db: DbOrTx, userId: string, secret: string): Promise<boolean> {
  const rows = await db
    .insert(userTwoFactor)
    .values({ userId, secret })
    .onConflictDoUpdate({
      target: userTwoFactor.userId,
      set: { secret, lastUsedStep: null, createdAt: sql`now()` },
      setWhere: isNull(userTwoFactor.enabledAt),
    })
    .returning({ userId: userTwoFactor.userId });
  return rows.length > 0;
}

export async function markEnabled(db: DbOrTx, userId: string): Promise<void> {
  await db.update(userTwoFactor).set({ enabledAt: sql`now()` }).where(eq(userTwoFactor.userId, userId));
}

/**
 * Records `step` as the last accepted code, only if it is later than the one before: the single
 * conditional update makes a code count once even when two requests race with it.
 */
export async function acceptStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(userTwoFactor)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(userTwoFactor.userId, userId),
        or(isNull(userTwoFactor.lastUsedStep), lt(userTwoFactor.lastUsedStep, step)),
      ),
    )
    .returning({ userId: userTwoFactor.userId });
  return rows.length > 0;
}

/** Removes the user's two-factor sign-in, recovery codes and open challenges; whether it was on. */
export async function deleteTwoFactor(db: DbOrTx, userId: string): Promise<boolean> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.delete(twoFactorChallenges).where(eq(twoFactorChallenges.userId, userId));
  const rows = await db
    .delete(userTwoFactor)
    .where(eq(userTwoFactor.userId, userId))
    .returning({ enabledAt: userTwoFactor.enabledAt });
  return rows.some((r) => r.enabledAt !== null);
}

export async function replaceRecoveryCodes(db: DbOrTx, userId: string, codeHashes: string[]): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Marks an unused recovery code used; false when it is unknown or was used already. */
export async function useRecoveryCode(db: DbOrTx, userId: string, codeHash: string): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export async function countRecoveryCodesLeft(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** A new challenge; the user's expired and used ones go (no job needed to keep the table small). */
export async function insertChallenge(
  db: DbOrTx,
  userId: string,
  tokenHash: string,
  ttlSeconds: number,
): Promise<Date> {
  await db
    .delete(twoFactorChallenges)
    .where(
      and(
        eq(twoFactorChallenges.userId, userId),
        or(sql`${twoFactorChallenges.expiresAt} <= now()`, sql`${twoFactorChallenges.usedAt} IS NOT NULL`),
      ),
    );
  const [row] = await db
    .insert(twoFactorChallenges)
    .values({ userId, tokenHash, expiresAt: sql`now() + make_interval(secs => ${ttlSeconds})` })
    .returning({ expiresAt: twoFactorChallenges.expiresAt });
  if (!row) throw new Error('challenge not stored');
  return row.expiresAt;
}

/** The unused, unexpired challenge with this token hash. */
export async function findLiveChallenge(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ id: twoFactorChallenges.id, userId: twoFactorChallenges.userId })
    .from(twoFactorChallenges)
    .where(
      and(
        eq(twoFactorChallenges.tokenHash, tokenHash),
        isNull(twoFactorChallenges.usedAt),
        gt(twoFactorChallenges.expiresAt, sql`now()`),
      ),
    );
  return row;
}

/** Uses the challenge up; false when another request got there first or it expired meanwhile. */
export async function useChallenge(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .update(twoFactorChallenges)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(twoFactorChallenges.id, id),
        isNull(twoFactorChallenges.usedAt),
        gt(twoFactorChallenges.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: twoFactorChallenges.id });
  return rows.length > 0;
}
