import type { Database } from '../../db/client.js';
import { RateLimitedError } from '../../lib/app-error.js';
import {
  addressKey,
  type BackoffRule,
  clearRateLimit,
  hitBackoff,
  hitRateLimits,
  type RateLimitRule,
  readRateLimit,
} from '../../lib/rate-limit.js';

/**
 * Sign-in throttling (issue 13). Wrong passwords never lock an account: they slow down the address
 * that sends them, so the owner signing in from another address always gets in.
 */
export const loginRules = {
  /** Attempts from one address, across all accounts. */
  perAddress: { limit: 50, windowSeconds: 15 * 60 } satisfies RateLimitRule,
  /** Attempts at one account from one address: 5 free, then a wait of 1, 2, 4 … minutes, at most an hour. */
  perAccountAndAddress: {
    freeAttempts: 5,
    baseDelaySeconds: 60,
    maxDelaySeconds: 60 * 60,
    memorySeconds: 24 * 60 * 60,
  } satisfies BackoffRule,
  /**
   * Failures at one account from all addresses. Past this ceiling the account is under a spread-out
   * attack: every address gets one free attempt instead of five, so a fresh address still gets in.
   */
  accountCeiling: { limit: 100, windowSeconds: 60 * 60 } satisfies RateLimitRule,
};

const accountKey = (email: string) => `login:account:${email}`;
const accountAndAddressKey = (email: string, ip: string) => `login:account-address:${email}:${addressKey(ip)}`;

/** Counts a sign-in attempt before the password is checked; a throttled one is a RateLimitedError. */
export async function admitLoginAttempt(database: Database, email: string, ip: string): Promise<void> {
  const { db } = database;
  let wait = await hitRateLimits(database, [{ key: `login:address:${addressKey(ip)}`, rule: loginRules.perAddress }]);
  if (wait === 0) {
    const underAttack = (await readRateLimit(db, accountKey(email))) >= loginRules.accountCeiling.limit;
    const rule = loginRules.perAccountAndAddress;
    wait = await hitBackoff(db, accountAndAddressKey(email, ip), underAttack ? { ...rule, freeAttempts: 1 } : rule);
  }
  if (wait > 0) throw new RateLimitedError(wait);
}

/** A wrong password (or unknown or inactive account) counts toward the account's ceiling. */
export async function recordLoginFailure(database: Database, email: string): Promise<void> {
  await hitRateLimits(database, [{ key: accountKey(email), rule: loginRules.accountCeiling }]);
}

/** The right password forgets this address's attempts at the account. */
export async function recordLoginSuccess(database: Database, email: string, ip: string): Promise<void> {
  await clearRateLimit(database.db, accountAndAddressKey(email, ip));
}
