import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/client.js';
import { AppError } from './app-error.js';

export interface RateLimitRule {
  /** Attempts allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Attempts counted in the current window, this one included. */
  count: number;
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Counts one attempt against `key` in a fixed window kept in the `rate_limits` table, so every
 * instance shares the counter. The single upsert is atomic: concurrent attempts each get their
 * own count (PostgreSQL locks the row for ON CONFLICT DO UPDATE), so a burst cannot slip past.
 */
export async function hitRateLimit(db: DbOrTx, key: string, rule: RateLimitRule): Promise<RateLimitResult> {
  const rows = await queryRows<{ count: number; retryAfter: number }>(
    db,
    sql`
    INSERT INTO rate_limits (key, count, reset_at)
    VALUES (${key}, 1, now() + make_interval(secs => ${rule.windowSeconds}))
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.reset_at <= now() THEN 1 ELSE rate_limits.count + 1 END,
      reset_at = CASE WHEN rate_limits.reset_at <= now() THEN EXCLUDED.reset_at ELSE rate_limits.reset_at END
    RETURNING count, greatest(1, ceil(extract(epoch FROM reset_at - now())))::int AS "retryAfter"`,
  );
  const row = rows[0];
  if (!row) throw new Error('rate limit upsert returned nothing');
  return { allowed: row.count <= rule.limit, count: row.count, retryAfterSeconds: row.retryAfter };
}

/** 429 with the seconds to wait; routes copy them into Retry-After. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', 429, 'Too many attempts; try again later');
  }
}

/** Counts one attempt against each key; throws RateLimitedError (longest wait) when any is over its limit. */
export async function enforceRateLimits(db: DbOrTx, checks: [string, RateLimitRule][]): Promise<void> {
  let wait = 0;
  for (const [key, rule] of checks) {
    const hit = await hitRateLimit(db, key, rule);
    if (!hit.allowed) wait = Math.max(wait, hit.retryAfterSeconds);
  }
  if (wait > 0) throw new RateLimitedError(wait);
}

/** Forgets a key's attempts (e.g. after a successful sign-in). */
export async function clearRateLimit(db: DbOrTx, key: string): Promise<void> {
  await db.execute(sql`DELETE FROM rate_limits WHERE key = ${key}`);
}

/** Deletes windows that have ended and says how many (a dry run only counts); for the maintenance job. */
export async function pruneRateLimits(db: DbOrTx, opts: { dryRun: boolean }): Promise<number> {
  const ended = sql`reset_at <= now()`;
  const rows = await queryRows<{ n: number }>(
    db,
    opts.dryRun
      ? sql`SELECT count(*)::int AS n FROM rate_limits WHERE ${ended}`
      : sql`WITH gone AS (DELETE FROM rate_limits WHERE ${ended} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
  );
  return rows[0]?.n ?? 0;
}
