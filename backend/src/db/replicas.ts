import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { replicaFallbacks, replicaLag, replicaReads } from '../lib/metrics.js';
import type { Database, Db } from './client.js';
import * as schema from './schema/index.js';

/**
 * Heavy reads (queue, search, dashboard, reports, customers) on PostgreSQL streaming replicas
 * (DATABASE_REPLICA_URL), everything else on the primary (docs/decisions/017-replica-reads.md).
 *
 * A background check samples the primary's WAL position and each replica's replayed position;
 * a replica serves a read while it answers, has replayed what the primary had written at most
 * `maxLagMs` ago and, for a caller who wrote a moment ago, has replayed that caller's write
 * (`after`, the primary's LSN taken after the write). Otherwise, or when the read fails for
 * want of a replica (connection lost, recovery conflict), the read runs on the primary.
 */
export interface ReadReplicas {
  /** False when no replica is configured: every read runs on the primary as before. */
  readonly enabled: boolean;
  /** Runs a read-only `work` on a replica fit for it, else on the primary; `after`: an LSN it must have replayed. */
  heavy<T>(work: (db: Db) => Promise<T>, opts?: { after?: string }): Promise<T>;
  /** The primary's WAL position now (after a write committed): the `after` of that caller's next reads. */
  primaryLsn(): Promise<string>;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  /** Each replica's URL and pool size. */
  replicas: { url: string; poolSize: number }[];
  /** A replica further behind than this serves nothing. */
  maxLagMs: number;
  /** How often the primary and replicas are sampled (default: a quarter of maxLagMs, at most 1 s). */
  checkMs?: number;
}

/** An LSN such as `16/B374D848` as one number, for comparisons. */
export function lsnValue(lsn: string): bigint | undefined {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(lsn);
  if (!m) return undefined;
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}

/** Longest a replica's check may take; it then counts as not answering. */
const CHECK_TIMEOUT_MS = 3_000;

/** The highest LSN: a caller whose write's position is unknown reads from the primary. */
export const UNKNOWN_WRITE_LSN = 'FFFFFFFF/FFFFFFFF';

/** Failures that say the replica cannot serve now (the same read may work on the primary). */
export function isReplicaUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message, cause, errors } = err as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    // 08: connection exception; 57P01-03: shut down or starting; 40001 on a standby: conflict with recovery.
    if (code.startsWith('08') || /^57P0[123]$/.test(code) || code === '40001') return true;
    if (/^E(CONNREFUSED|CONNRESET|TIMEDOUT|HOSTUNREACH|NETUNREACH|PIPE|NOTFOUND|AI_AGAIN)$/.test(code)) return true;
  }
  if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect/i.test(message)) {
    return true;
  }
  // AggregateError: every address of the host refused.
  if (Array.isArray(errors) && errors.some(isReplicaUnavailable)) return true;
  return cause !== undefined && cause !== err && isReplicaUnavailable(cause);
}

interface Replica {
  name: string;
  pool: pg.Pool;
  db: Db;
  up: boolean;
  /** When the last check (successful or not) finished. */
  checkedAt: number;
  replayed: bigint | undefined;
  /** The time of the newest primary sample this replica had replayed at its last check (undefined: none). */
  caughtUpAt: number | undefined;
}

/** Opens read-only pools for the replicas (none: a primary-only router) and starts checking them. */
export function openReadReplicas(primary: Database, opts: ReplicaOptions | undefined): ReadReplicas {
  if (!opts || opts.replicas.length === 0 || primary.kind !== 'postgres') return primaryOnly(primary);
  const maxLagMs = opts.maxLagMs;
  const checkMs = opts.checkMs ?? Math.max(50, Math.min(1_000, Math.floor(maxLagMs / 4)));
  const replicas: Replica[] = opts.replicas.map(({ url, poolSize }, i) => {
    // keepAlive: a replica host that vanishes breaks its connections instead of leaving reads hanging.
    const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 2_000, keepAlive: true });
    // A replica that goes away must not crash the process: the next check or read notices.
    pool.on('error', () => {});
    return {
      name: `replica${i + 1}`,
      pool,
      db: drizzlePg(pool, { schema }) as unknown as Db,
      up: false,
      checkedAt: 0,
      replayed: undefined,
      caughtUpAt: undefined,
    };
  });
  /** The primary's write position over the last maxLag (+ a margin), oldest first. */
  const samples: { at: number; lsn: bigint }[] = [];
  let next = 0;
  let closed = false;

  async function checkReplica(r: Replica): Promise<void> {
    try {
      const { rows } = await r.pool.query<{ standby: boolean; replayed: string | null }>({
        text: 'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed',
        // A check that hangs (a host cut off) must not stop the next ones.
        query_timeout: CHECK_TIMEOUT_MS,
      } as pg.QueryConfig);
      const row = rows[0];
      // A promoted (or mistaken) server is not following the primary: its data may drift.
      const replayed = row?.standby && row.replayed ? lsnValue(row.replayed) : undefined;
      r.up = replayed !== undefined;
      r.replayed = replayed;
      const caughtUp = replayed === undefined ? undefined : samples.findLast((s) => s.lsn <= replayed);
      r.caughtUpAt = caughtUp?.at;
    } catch {
      r.up = false;
    }
    r.checkedAt = Date.now();
    // Behind every sample kept: at least as far behind as the oldest one (it serves nothing then).
    const lag = r.up ? (lagMs(r, r.checkedAt) ?? r.checkedAt - (samples[0]?.at ?? r.checkedAt)) : undefined;
    replicaLag.set({ replica: r.name }, lag === undefined ? -1 : lag / 1000);
  }

  async function check(): Promise<void> {
    try {
      // The primary first: a replica that has replayed this position has everything committed before `at`.
      const at = Date.now();
      const [row] = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      const lsn = row ? lsnValue(row.lsn) : undefined;
      if (lsn !== undefined) samples.push({ at, lsn });
      const keepFrom = at - maxLagMs - 4 * checkMs;
      while (samples.length > 1 && (samples[0]?.at ?? at) < keepFrom) samples.shift();
    } catch {
      // Primary unreachable: the replicas' lag cannot be told; they age out by their last figure.
    }
    await Promise.all(replicas.map(checkReplica));
  }

  const lagMs = (r: Replica, now: number): number | undefined =>
    r.up && r.caughtUpAt !== undefined ? now - r.caughtUpAt : undefined;

  let checking: Promise<void> | undefined;
  const tick = () => {
    if (closed || checking) return;
    checking = check().finally(() => {
      checking = undefined;
    });
  };
  const timer = setInterval(tick, checkMs);
  timer.unref();
  tick();

  type Choice = { replica: Replica } | { fallback: 'down' | 'lagging' | 'read_your_writes' };

  function choose(after: bigint | undefined): Choice {
    const now = Date.now();
    // A check that has not come back for a while says nothing about now.
    const answering = replicas.filter((r) => r.up && now - r.checkedAt <= 3 * checkMs + CHECK_TIMEOUT_MS);
    if (answering.length === 0) return { fallback: 'down' };
    const current = answering.filter((r) => {
      const lag = lagMs(r, now);
      return lag !== undefined && lag <= maxLagMs;
    });
    if (current.length === 0) return { fallback: 'lagging' };
    const fit = after === undefined ? current : current.filter((r) => r.replayed !== undefined && r.replayed >= after);
    if (fit.length === 0) return { fallback: 'read_your_writes' };
    // Round robin over the fit ones.
    const replica = fit[next++ % fit.length] as Replica;
    return { replica };
  }

  return {
    enabled: true,
    async heavy(work, { after } = {}) {
      const choice = choose(after ? lsnValue(after) : undefined);
      if ('fallback' in choice) {
        replicaFallbacks.inc({ reason: choice.fallback });
        replicaReads.inc({ target: 'primary' });
        return work(primary.db);
      }
      const { replica } = choice;
      try {
        const result = await work(replica.db);
        replicaReads.inc({ target: replica.name });
        return result;
      } catch (err) {
        if (!isReplicaUnavailable(err)) throw err;
        // Not used again until a check finds it answering.
        replica.up = false;
        replicaFallbacks.inc({ reason: 'error' });
        replicaReads.inc({ target: 'primary' });
        return work(primary.db);
      }
    },
    async primaryLsn() {
      // The insert position: at or past the end of every commit so far, even with synchronous_commit off.
      const [row] = await primary.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
      return row?.lsn ?? UNKNOWN_WRITE_LSN;
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await checking;
      for (const r of replicas) replicaLag.remove({ replica: r.name });
      await Promise.all(replicas.map((r) => (r.pool.ended ? undefined : r.pool.end())));
    },
  };
}

/** No replica configured (or the embedded database): every read on the primary, as before. */
function primaryOnly(primary: Database): ReadReplicas {
  return {
    enabled: false,
    heavy: (work) => work(primary.db),
    primaryLsn: async () => UNKNOWN_WRITE_LSN,
    close: async () => {},
  };
}
