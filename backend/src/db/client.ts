import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { DEFAULT_EMBEDDED_DB_CACHE_MB } from '../config.js';
import { withFields } from '../lib/with-fields.js';
import { type ChangeFeed, pgliteChangeFeed, postgresChangeFeed } from './change-feed.js';
import { isStatementClient, pgliteStatements, type StatementOptions } from './pglite-statements.js';
import { renderSql } from './render-sql.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The Drizzle database, the same type on PostgreSQL and PGlite. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What a repository may run on: the database or a transaction in progress. */
export type DbOrTx = Db | Tx;

/** Pool figures for /metrics; PGlite has one connection and no pool. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /**
   * Runs raw SQL and returns its rows (for health checks, the CLI and maintenance); `prepared`
   * names the statement so that the connection plans it once (see queryRows).
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], opts?: { prepared?: string }): Promise<T[]>;
  /**
   * Runs `fn` while holding the PostgreSQL advisory lock `key` (session level, one dedicated
   * connection), so that only one instance does it at a time. `wait: false` gives up at once
   * and returns undefined when another instance holds it.
   */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>, opts?: { wait?: boolean }): Promise<T | undefined>;
  poolStats(): PoolStats;
  /** Committed changes to cached tables (db/change-feed.ts). */
  changes: ChangeFeed;
  /** The embedded engine itself (dumps, backups); undefined on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
}

interface PostgresOptions {
  url: string;
  poolSize: number;
  /** Used as search_path; lets tests give each file its own schema. */
  schema?: string;
}

export function openPostgres(opts: PostgresOptions): Database {
  const connection = {
    connectionString: opts.url,
    options: opts.schema ? `-c search_path=${opts.schema}` : undefined,
    // With PostgreSQL on another machine (several hosts): a database that vanishes without closing
    // the connections (power, network) breaks them instead of leaving queries and the change feed hanging.
    keepAlive: true,
  };
  const changes = postgresChangeFeed(connection);
  const pool = new pg.Pool({
    ...connection,
    max: opts.poolSize,
    connectionTimeoutMillis: 5_000,
    Client: changes.PoolClient,
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    changes,
    async query<T>(text: string, params: unknown[] = [], queryOpts: { prepared?: string } = {}) {
      const result = await pool.query({ text, values: params, name: queryOpts.prepared });
      return result.rows as T[];
    },
    async withAdvisoryLock(key, fn, lockOpts = {}) {
      // Its own connection, not one of the pool's: `fn` runs its statements through the pool, and
      // lock holders taking pool connections could leave it none (a small pool, several jobs).
      const client = new pg.Client({ ...connection, connectionTimeoutMillis: 5_000 });
      client.on('error', () => {});
      await client.connect();
      try {
        if (lockOpts.wait === false) {
          const got = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key]);
          if (!got.rows[0]?.ok) return undefined;
        } else {
          await client.query('SELECT pg_advisory_lock($1)', [key]);
        }
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]);
        }
      } finally {
        await client.end();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: async () => {
      await changes.close();
      if (!pool.ended) await pool.end();
    },
  };
}

interface PgliteOptions {
  /** Undefined: in memory. */
  dataDir?: string;
  /** Start from this dump (dumpDataDir) instead of an empty database. */
  loadDataDir?: Blob;
  /** shared_buffers in MB (config EMBEDDED_DB_CACHE_MB). */
  cacheMb?: number;
}

/** PGlite in `dataDir` (or in memory when `dataDir` is undefined). */
export async function openPglite(opts: PgliteOptions): Promise<Database> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = await PGlite.create(opts.dataDir, {
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    // PostgreSQL's default of 128 MB made the idle server 380 MB: PGlite allocates shared memory
    // inside the WASM heap and zeroes it at start (docs/decisions/006-embedded-database.md).
    startParams: [
      ...PGlite.defaultStartParams,
      '-c',
      `shared_buffers=${opts.cacheMb ?? DEFAULT_EMBEDDED_DB_CACHE_MB}MB`,
    ],
  });
  // Drizzle and query() go through pgliteStatements: one exchange per statement, named ones kept.
  const statements = pgliteStatements(client);
  const db = drizzlePglite({ client: statements as unknown as PGlite, schema }) as unknown as Db;
  let busy = 0;
  const changes = pgliteChangeFeed(client);
  return {
    db,
    kind: 'pglite',
    changes,
    pglite: client,
    async query<T>(text: string, params: unknown[] = [], queryOpts: { prepared?: string } = {}) {
      const result = await statements.query<T>(text, params, { name: queryOpts.prepared });
      return result.rows;
    },
    // One process owns a PGlite database (see data-dir lock), so there is nobody to race with.
    async withAdvisoryLock(_key, fn) {
      busy++;
      try {
        return await fn();
      } finally {
        busy--;
      }
    },
    poolStats: () => ({ total: 1, idle: busy ? 0 : 1, waiting: 0 }),
    close: async () => {
      await changes.close();
      if (!client.closed) await client.close();
    },
  };
}

/** The parts of a Drizzle database or transaction that run a statement under a name. */
interface PreparingDb {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string,
      isResponseInArrayMode: boolean,
    ): {
      execute(): Promise<unknown>;
      /** PGlite's prepared query (drizzle-orm/pglite): what `execute` would send, and how. */
      client?: unknown;
      queryString?: string;
      params?: unknown[];
      rawQueryConfig?: StatementOptions;
    };
  };
}

// Prepared statements' names by prefix and text: their shapes are bounded, so hashing each text
// once saves a SHA-1 of several hundred bytes on every call (a poll runs one statement).
const statementNames = new Map<string, string>();
const MAX_STATEMENT_NAMES = 2_000;

function statementName(prefix: string, text: string): string {
  const key = `${prefix}\0${text}`;
  let name = statementNames.get(key);
  if (name === undefined) {
    name = `${prefix}_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    if (statementNames.size >= MAX_STATEMENT_NAMES) statementNames.clear();
    statementNames.set(key, name);
  }
  return name;
}

/**
 * Runs a raw `sql` query on either driver and returns its rows (both drivers answer `{ rows }`).
 *
 * `prepared` names the statement so that each PostgreSQL connection plans it once and reuses
 * the plan: for the hot reads (queue page, ticket detail) planning costs more than running,
 * several milliseconds per request and far more under concurrency (bench/README.md). Only for
 * statements whose best plan does not depend on the parameter values (not for search terms),
 * and whose text takes a bounded number of shapes. On PGlite the one connection keeps it
 * (db/pglite-statements.ts).
 */
export async function queryRows<T>(db: DbOrTx, query: SQL, opts: { prepared?: string } = {}): Promise<T[]> {
  if (opts.prepared) {
    const { dialect, session } = db as unknown as PreparingDb;
    const built = renderSql(query) ?? dialect.sqlToQuery(query);
    const name = statementName(opts.prepared, built.sql);
    const prepared = session.prepareQuery(built, undefined, name, false);
    // Drizzle's PGlite session drops the name; the embedded database's client takes it.
    if (isStatementClient(prepared.client) && prepared.queryString !== undefined) {
      const options = withFields(prepared.rawQueryConfig ?? {}, { name });
      return (await prepared.client.query<T>(prepared.queryString, prepared.params ?? [], options)).rows;
    }
    const result = (await prepared.execute()) as { rows: T[] };
    return result.rows;
  }
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A json column's value: node-postgres parses json, PGlite may hand it over as text. */
export function jsonColumn<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/**
 * The planner's estimate of the rows `query` returns (the top plan node's "Plan Rows"), from the
 * statistics ANALYZE keeps: plans it, reads nothing. Bound parameters are folded into the plan
 * like literals on node-postgres and PGlite alike (an unnamed statement is planned with its
 * values). NaN when the plan has no such figure.
 */
export async function plannerEstimate(db: DbOrTx, query: SQL): Promise<number> {
  const [plan] = await queryRows<{ 'QUERY PLAN': unknown }>(db, sql`EXPLAIN (FORMAT JSON) ${query}`);
  const raw = plan?.['QUERY PLAN'];
  const parsed = jsonColumn(raw) as [{ Plan?: { 'Plan Rows'?: unknown } }];
  return Number(parsed?.[0]?.Plan?.['Plan Rows']);
}

/**
 * Runs `work` in a transaction whose statements PostgreSQL cancels after `ms` milliseconds
 * (waiting for locks included); the caller tells a cancellation by isStatementTimeout.
 */
export async function withStatementTimeout<T>(db: Db, ms: number, work: (tx: Tx) => Promise<T>): Promise<T> {
  // One read-only snapshot for every statement of the work: a search that reads a page and then
  // where its walk stopped sees the same tickets in both (docs/decisions/001-ticket-queries.md).
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`SELECT set_config('statement_timeout', ${String(ms)}, true)`);
      return work(tx);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** PostgreSQL's "canceling statement due to statement timeout" (SQLSTATE 57014), or drizzle's wrapper of it. */
export function isStatementTimeout(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, cause } = err as { code?: unknown; cause?: unknown };
  return code === '57014' || (cause !== undefined && isStatementTimeout(cause));
}
