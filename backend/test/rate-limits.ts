import type { Database } from '../src/db/client.js';

/**
 * Moves every rate-limit counter `seconds` into the past, as if that much time went by: windows
 * end and waits run out without the test sleeping.
 */
export async function elapseRateLimits(database: Database, seconds: number): Promise<void> {
  await database.query('UPDATE rate_limits SET reset_at = reset_at - make_interval(secs => $1)', [seconds]);
}
