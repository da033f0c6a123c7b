import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { type Database, queryRows } from '../../db/client.js';

/** A department with its members, as cached. */
export interface CachedDepartment {
  id: string;
  name: string;
  description: string;
  isActive: boolean;
  autoAssign: boolean;
  replyStatusId: string | null;
  memberIds: string[];
}

const REDIS_KEY = 'helpdesk:departments:v2';
// Short enough that a rare race (a reader refilling with rows read just before a change
// committed) heals itself soon; long enough to take the load off the database.
const REDIS_TTL_SECONDS = 300;

interface CacheState {
  redis?: Redis;
  local?: { fingerprint: string; rows: CachedDepartment[] };
}

/** One cache per database handle (one per app instance; tests build several apps). */
const states = new WeakMap<Database, CacheState>();

function state(database: Database): CacheState {
  let s = states.get(database);
  if (!s) {
    s = {};
    states.set(database, s);
  }
  return s;
}

/**
 * Connects the department cache to Redis (REDIS_URL); without it the cache is in-process.
 * Returns a function that closes the connection.
 */
export function configureDepartmentCache(database: Database, redisUrl: string | undefined): () => Promise<void> {
  const s = state(database);
  if (!redisUrl || s.redis) return async () => {};
  // Required here, not imported at the top: a server without REDIS_URL never loads ioredis (issue 22).
  const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
  const redis = new RedisClient(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true });
  // A Redis outage must not take the API down: reads fall back to the database.
  redis.on('error', () => {});
  s.redis = redis;
  return async () => {
    s.redis = undefined;
    redis.disconnect();
  };
}

async function loadAll(database: Database): Promise<CachedDepartment[]> {
  return queryRows<CachedDepartment>(
    database.db,
    sql`SELECT d.id, d.name, d.description, d.is_active AS "isActive", d.auto_assign AS "autoAssign",
      d.reply_status_id AS "replyStatusId",
      coalesce((SELECT array_agg(dm.user_id::text ORDER BY dm.user_id) FROM department_members dm
        WHERE dm.department_id = d.id), '{}') AS "memberIds"
    FROM departments d ORDER BY d.name, d.id`,
  );
}

/**
 * A cheap summary that changes whenever a department or membership does (every write bumps
 * departments.updated_at with clock_timestamp()), so an in-process copy is never served stale,
 * even when another instance made the change.
 */
async function fingerprint(database: Database): Promise<string> {
  const rows = await queryRows<{ f: string }>(
    database.db,
    sql`SELECT (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM departments) || '/' ||
      (SELECT count(*)::text FROM department_members) AS f`,
  );
  return rows[0]?.f ?? '';
}

/**
 * Every department with its member ids, from the cache: Redis when configured (shared by all
 * instances, deleted on every change), else in-process (checked against the fingerprint).
 */
export async function cachedDepartments(database: Database): Promise<CachedDepartment[]> {
  const s = state(database);
  if (s.redis) {
    try {
      const hit = await s.redis.get(REDIS_KEY);
      if (hit) return JSON.parse(hit) as CachedDepartment[];
      const rows = await loadAll(database);
      await s.redis.set(REDIS_KEY, JSON.stringify(rows), 'EX', REDIS_TTL_SECONDS);
      return rows;
    } catch {
      return loadAll(database);
    }
  }
  const f = await fingerprint(database);
  if (s.local?.fingerprint === f) return s.local.rows;
  const rows = await loadAll(database);
  s.local = { fingerprint: f, rows };
  return rows;
}

/** Drops the cached list; call after every committed change to departments or memberships. */
export async function invalidateDepartmentCache(database: Database): Promise<void> {
  const s = state(database);
  s.local = undefined;
  if (s.redis) {
    try {
      await s.redis.del(REDIS_KEY);
    } catch {
      // Redis down: its copy expires within REDIS_TTL_SECONDS.
    }
  }
}
