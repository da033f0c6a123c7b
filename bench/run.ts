/**
 * `npm run bench -- --tickets 10000`: seeds (or reuses) the scratch database
 * `helpdesk_bench_<tickets>`, starts the built server on it, runs each scenario with autocannon
 * (loopback, fixed duration and connections), replays the SQL each endpoint ran straight against
 * PostgreSQL as the floor, and prints and saves a Markdown table.
 *
 * `--embedded` does the same against the server on its embedded database (PGlite in a data
 * directory), with the same SQL replayed through PGlite in process as the floor, and measures
 * start-up time (cold: empty data directory; warm: restarts) and RSS.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../backend/src/db/client.js';
import { runMigrations } from '../backend/src/db/migrate.js';
import { serverEnvFor, serverNodeArgsFor } from '../backend/src/launch.js';
import { isBuildCurrent } from '../backend/src/lib/build-freshness.js';
import { hashToken, newToken } from '../backend/src/lib/tokens.js';
import { BENCH_ARTICLES, seedArticles } from './articles.js';
import { type BrowserTimings, browserTable, hasChromium, measureBrowser } from './browser.js';
import { type Cluster, findPostgresBin, startCluster } from './cluster.js';
import { BENCH_FIELD_KEY, seedFieldValues } from './custom-fields.js';
import { hasCaddy, startProxy } from './hosts.js';
import {
  BENCH_EMAIL_DOMAIN,
  benchTags,
  deriveSizes,
  readSeedInfo,
  removeBenchWrites,
  SEED_FORMAT,
  seedDatabase,
} from './seed.js';
import { rareWords } from './words.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.resolve(benchDir, '..');

// ---------------------------------------------------------------------------------------------
// Options

const { values: flags } = parseArgs({
  options: {
    tickets: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
    fresh: { type: 'boolean', default: false },
    duration: { type: 'string' },
    connections: { type: 'string', default: '10' },
    'floor-duration': { type: 'string', default: '2' },
    // Unset: the bench's own cluster (bench/cluster.ts) in --pg-dir, configured as OPERATIONS.md §9 says.
    'postgres-url': { type: 'string' },
    'pg-dir': { type: 'string', default: '/var/tmp/helpdesk-bench-postgres' },
    'pg-socket': { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    gzip: { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'info' },
    'cpu-prof': { type: 'boolean', default: false },
    // The server on its embedded database (PGlite) instead of PostgreSQL.
    embedded: { type: 'boolean', default: false },
    'pglite-dir': { type: 'string', default: '/var/tmp/helpdesk-bench-pglite' },
    /** How many cold and warm starts the embedded run times (the table gives their median). */
    starts: { type: 'string', default: '5' },
    /** The embedded database's page cache (EMBEDDED_DB_CACHE_MB); unset: the server's default. */
    'cache-mb': { type: 'string' },
    /** The embedded server's EMBEDDED_HEAP_MB (0: Node's own heap limits); unset: npm start's default. */
    'heap-mb': { type: 'string' },
    /** Node options for the server, e.g. "--max-semi-space-size=4" (space-separated); heap sizes here replace npm start's. */
    'server-node-args': { type: 'string', default: '' },
    /** The server's pool of PostgreSQL connections (connection_limit in its DATABASE_URL); unset: the server's default. */
    pool: { type: 'string' },
    /** Appended to the result file's name, to keep a run with other settings beside the default one. */
    label: { type: 'string' },
    /** N servers behind Caddy (deploy/Caddyfile.two-hosts) on the one PostgreSQL (bench/hosts.ts). */
    hosts: { type: 'string' },
    /** N workers of node:cluster on one port, as PM2's cluster mode runs the server (bench/workers.mjs). */
    workers: { type: 'string' },
    /** How many times the browser timings load each page (bench/browser.ts); 0 leaves them out. */
    'browser-loads': { type: 'string', default: '5' },
    /** Extra settings for the server, "KEY=VALUE KEY2=VALUE2" (e.g. a write limit off), applied after the bench's own. */
    'server-env': { type: 'string', default: '' },
  },
});

function int(name: string, value: string | undefined, min: number): number {
  const n = Number((value ?? '').replaceAll('_', ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: expected a whole number ≥ ${min}, got ${value}`);
  return n;
}

/** `--tickets 10000,1000000`: each size in turn, smallest first, in one invocation. */
const ticketSizes = [...new Set(flags.tickets.split(',').map((v) => int('tickets', v.trim(), 100)))].sort(
  (a, b) => a - b,
);
// 5 s per scenario keeps the quick check (10,000 tickets) under three minutes; 10 s for big runs.
const durationFor = (tickets: number) => int('duration', flags.duration ?? (tickets >= 100_000 ? '10' : '5'), 1);

/** The options; `tickets` and `duration` are the size being measured (see ticketSizes). */
const opts = {
  tickets: ticketSizes[0] ?? 10_000,
  seed: int('seed', flags.seed, 1),
  duration: durationFor(ticketSizes[0] ?? 10_000),
  connections: int('connections', flags.connections, 1),
  floorDuration: int('floor-duration', flags['floor-duration'], 1),
  starts: int('starts', flags.starts, 1),
  cacheMb: flags['cache-mb'] === undefined ? undefined : int('cache-mb', flags['cache-mb'], 1),
  heapMb: flags['heap-mb'] === undefined ? undefined : int('heap-mb', flags['heap-mb'], 0),
  only: flags.only ? flags.only.split(',').map((s) => s.trim()) : undefined,
  serverNodeArgs: flags['server-node-args'].split(' ').filter(Boolean),
  hosts: flags.hosts === undefined ? undefined : int('hosts', flags.hosts, 1),
  workers: flags.workers === undefined ? 1 : int('workers', flags.workers, 1),
  browserLoads: int('browser-loads', flags['browser-loads'], 0),
  serverEnv: Object.fromEntries(
    flags['server-env']
      .split(' ')
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf('=');
        if (at < 1) throw new Error(`--server-env: expected KEY=VALUE, got ${pair}`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
  ),
};

/** The browser timings run with the load (or alone with `--only browser`), when Chromium is installed. */
const browserWanted = () => opts.browserLoads > 0 && hasChromium() && (!opts.only || opts.only.includes('browser'));

const log = (line: string) => console.log(line);

// ---------------------------------------------------------------------------------------------
// Database: create or reuse helpdesk_bench_<tickets>

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function migrationCount(database: Database): Promise<number> {
  const rows = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  return rows[0]?.n ?? 0;
}

/**
 * Whether `database` holds this size and seed of the bench data; if so, brings it up to date:
 * newer migrations applied (as to a production database) and what earlier runs wrote removed.
 */
async function reuseSeeded(database: Database, name: string): Promise<boolean> {
  const info = await readSeedInfo(database);
  if (!info || info.format !== SEED_FORMAT || info.tickets !== opts.tickets || info.seed !== opts.seed) return false;
  const before = await migrationCount(database).catch(() => -1);
  await runMigrations(database);
  const after = await migrationCount(database);
  if (after !== before) {
    // Migrations must carry real data forward, so the seeded data stays valid; refresh statistics.
    await database.query('VACUUM (ANALYZE) tickets');
    log(`✓ applied ${after - before} new migration(s) to ${name}`);
  }
  const removed = await removeBenchWrites(database, info.endDate);
  if (removed.tickets + removed.messages + removed.history > 0) {
    log(
      `✓ removed what earlier runs wrote: ${removed.tickets} tickets, ${removed.messages} messages, ${removed.history} history entries`,
    );
  }
  log(`✓ reusing ${name} (seeded ${info.endDate}, ${info.messages} messages; --fresh rebuilds it)`);
  return true;
}

async function prepareDatabase(serverUrl: string): Promise<{ url: string; name: string; seconds: number | null }> {
  const name = `helpdesk_bench_${opts.tickets}`;
  const url = databaseUrl(serverUrl, name);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (exists && !flags.fresh) {
      const database = openPostgres({ url, poolSize: 2 });
      try {
        if (await reuseSeeded(database, name)) return { url, name, seconds: null };
      } finally {
        await database.close();
      }
    }
    if (exists) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const database = openPostgres({ url, poolSize: Math.max(2, Math.min(4, os.cpus().length)) });
  try {
    await runMigrations(database);
    const info = await seedDatabase(database, { tickets: opts.tickets, seed: opts.seed, log });
    log(`✓ seeded ${name}: ${info.tickets} tickets, ${info.messages} messages in ${info.seconds} s`);
    return { url, name, seconds: info.seconds };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Build

/** Builds a workspace whose output is missing or older than its sources. */
function buildIfStale(workspace: string, output: string, sourceDirs: string[]): void {
  if (
    isBuildCurrent(
      path.join(repoDir, output),
      sourceDirs.map((dir) => path.join(repoDir, dir)),
    )
  )
    return;
  if (flags['no-build']) throw new Error(`${output} is missing or older than the sources (drop --no-build)`);
  log(`building ${workspace} (npm run build -w ${workspace}) …`);
  const result = spawnSync('npm', ['run', 'build', '-w', workspace], { cwd: repoDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build -w ${workspace} failed`);
}

function buildIfNeeded(): void {
  buildIfStale('contract', 'contract/dist/index.js', ['contract/src']);
  buildIfStale('backend', 'backend/dist/index.js', ['backend/src', 'contract/src', 'backend/drizzle']);
  // The browser timings load the built web client the server serves.
  if (browserWanted()) buildIfStale('client', 'client/dist/index.html', ['client/src', 'contract/src']);
}

// ---------------------------------------------------------------------------------------------
// Server

interface Server {
  pid: number;
  /** Every server process measured as one (several with --hosts): CPU and RSS are their sums. */
  pids: number[];
  port: number;
  base: string;
  /** Milliseconds from spawning the process to its first 200 from /health. */
  startMs: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The Node options of the last server started, for the report. */
let lastServerArgs: string[] = [];
let lastServerEnv: string[] = [];

/** `url` with `--pool` as its connection_limit, when given. */
function withPool(url: string): string {
  if (flags.pool === undefined) return url;
  const u = new URL(url);
  u.searchParams.set('connection_limit', String(int('pool', flags.pool, 1)));
  return u.toString();
}

/**
 * Starts the built server on PostgreSQL at `url`, or on the embedded database in DATA_DIR when
 * `url` is undefined; with `workers` > 1 as PM2's cluster mode runs it (bench/workers.mjs).
 */
async function startServer(
  url: string | undefined,
  logFile: string,
  extraEnv: Record<string, string>,
  nodeArgs: string[],
  entry = path.join(repoDir, 'backend/dist/index.js'),
  workers = 1,
): Promise<Server> {
  const port = await freePort();
  const out = (await import('node:fs')).openSync(logFile, 'a');
  const spawned = performance.now();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    BACKEND_PORT: String(port),
    ...(url ? { DATABASE_URL: withPool(url) } : {}),
    LOG_LEVEL: flags['log-level'],
    LOG_FORMAT: 'json',
    // Nightly maintenance (archive, cleanups) must not fire mid-run and change the data under the load.
    JOBS_ENABLED: 'false',
    // The load comes from 10 users on one address, far past the write limits: they are raised out
    // of reach but stay on, so that create and reply include their counting.
    ...Object.fromEntries(
      ['TICKETS', 'REPLIES', 'UPLOADS'].flatMap((kind) =>
        ['CUSTOMER', 'STAFF', 'IP'].map((who) => [`RATE_LIMIT_${kind}_${who}`, '1000000000']),
      ),
    ),
    DATA_DIR: path.join(os.tmpdir(), 'helpdesk-bench-data'),
    UPLOAD_DIR: path.join(os.tmpdir(), 'helpdesk-bench-uploads'),
    ...extraEnv,
    ...opts.serverEnv,
  };
  // What `npm start` adds on the embedded database (the heap bound, unless --server-node-args sizes
  // it, and the malloc arenas).
  const launch = serverNodeArgsFor({ ...env, NODE_OPTIONS: opts.serverNodeArgs.join(' ') });
  const launchEnv = serverEnvFor(env);
  Object.assign(env, launchEnv);
  const nodeOptions = [...launch, ...opts.serverNodeArgs, ...nodeArgs];
  // With workers, bench/workers.mjs writes their PIDs here once every one of them listens.
  const pidsFile = workers > 1 ? `${logFile}.pids.json` : undefined;
  if (pidsFile) rmSync(pidsFile, { force: true });
  const args = pidsFile
    ? [path.join(repoDir, 'bench/workers.mjs'), String(workers), entry, pidsFile, ...nodeOptions]
    : [...nodeOptions, entry];
  lastServerArgs = [...launch, ...opts.serverNodeArgs];
  lastServerEnv = Object.entries({ ...launchEnv, ...opts.serverEnv }).map(([k, v]) => `${k}=${v}`);
  const child = spawn(process.execPath, args, { cwd: repoDir, env, stdio: ['ignore', out, out] });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error(`the server exited during start; see ${logFile}`);
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok && (!pidsFile || existsSync(pidsFile))) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /health within 30 s; see ${logFile}`);
    }
    // Often enough to time a start to within a few milliseconds.
    await new Promise((r) => setTimeout(r, 10));
  }
  const startMs = performance.now() - spawned;
  const pid = child.pid ?? 0;
  const server: Server = {
    pid,
    // The primary and its workers: PM2's cluster mode has its primary too (its daemon).
    pids: pidsFile ? (JSON.parse(readFileSync(pidsFile, 'utf8')) as number[]) : [pid],
    port,
    base,
    startMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  return server;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

/** CPU time the process has used so far (user + system), in ms; /proc counts in ticks of 10 ms. */
/** `measure` summed over the server's processes. */
const total = (server: Server, measure: (pid: number) => number) =>
  server.pids.reduce((sum, pid) => sum + measure(pid), 0);

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU time every PostgreSQL process on the machine has used so far (user + system, with that of
 * ended children the postmaster has reaped), in ms: the database's share of a request, which the
 * server's own CPU leaves out. The machine's other clusters idle meanwhile.
 */
function postgresCpuMs(): number {
  let sum = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      sum += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return sum;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

// ---------------------------------------------------------------------------------------------
// Fixtures: sessions and the records each scenario works on

interface Actor {
  id: string;
  email: string;
  cookie: string;
  departmentIds: string[];
}

interface Fixtures {
  agents: Actor[];
  customers: Actor[];
  /** Per agent: a ticket of their departments with 20 messages. */
  detailTickets: string[];
  /** Per agent: open tickets of their departments to reply to. */
  replyTickets: string[][];
  departmentIds: string[];
  highPriorityId: string;
  openStatusIds: string[];
  ticketNumber: number;
  /** The bench select field's option ids; the last is the rare one (issue 16). */
  fieldOptionIds: string[];
  /** When the seeded data ends: what a scenario adds is dated after it (removeBenchWrites). */
  seedEnd: string;
}

async function createSessions(database: Database, emails: string[]): Promise<Actor[]> {
  const rows = await database.query<{ id: string; email: string; departmentIds: string[] }>(
    `SELECT u.id, u.email,
            coalesce((SELECT array_agg(dm.department_id::text ORDER BY dm.department_id)
                      FROM department_members dm WHERE dm.user_id = u.id), '{}') AS "departmentIds"
     FROM users u WHERE u.email = ANY($1) ORDER BY u.email`,
    [emails],
  );
  const actors: Actor[] = [];
  for (const row of rows) {
    const token = newToken();
    await database.query(
      `INSERT INTO sessions (user_id, token_hash, ip, user_agent, expires_at)
       VALUES ($1, $2, '127.0.0.1', 'helpdesk-bench', now() + interval '1 day')`,
      [row.id, hashToken(token)],
    );
    actors.push({ ...row, cookie: `helpdesk_session=${token}` });
  }
  return actors;
}

async function loadFixtures(database: Database): Promise<Fixtures> {
  const { agents: agentCount, customers: customerCount } = deriveSizes({ tickets: opts.tickets });
  // Old bench sessions would pile up; the runs own these rows.
  await database.query(`DELETE FROM sessions WHERE user_agent = 'helpdesk-bench'`);
  // The help-centre scenarios search 10,000 articles whatever the ticket count (issue 20).
  await seedArticles(database, BENCH_ARTICLES);
  // The custom-field filter scenario's field and values (issue 16).
  const fieldOptionIds = await seedFieldValues(database);
  const agentEmails = Array.from({ length: Math.min(10, agentCount) }, (_, i) => `agent${i + 1}@${BENCH_EMAIL_DOMAIN}`);
  const agents = await createSessions(database, agentEmails);
  // Active customers: those with a typical handful of tickets.
  const customerRows = await database.query<{ email: string }>(
    `SELECT u.email FROM users u
     WHERE u.email LIKE 'customer%' AND u.email = ANY($1)`,
    [
      Array.from(
        { length: 10 },
        (_, i) => `customer${Math.max(1, Math.round((customerCount * (i + 1)) / 40))}@${BENCH_EMAIL_DOMAIN}`,
      ),
    ],
  );
  const customers = await createSessions(
    database,
    customerRows.map((r) => r.email),
  );
  const openStatusIds = (
    await database.query<{ id: string }>('SELECT id FROM ticket_statuses WHERE NOT is_closed ORDER BY sort_order')
  ).map((r) => r.id);
  const highPriorityId =
    (await database.query<{ id: string }>("SELECT id FROM ticket_priorities WHERE name = 'High'"))[0]?.id ?? '';
  const departmentIds = (await database.query<{ id: string }>('SELECT id FROM departments ORDER BY name')).map(
    (r) => r.id,
  );
  // Tickets #1000+n with n % 500 = 7 were generated with 20 messages.
  const candidates = await database.query<{ id: string; department_id: string }>(
    `SELECT t.id, t.department_id FROM tickets t
     WHERE t.number = ANY($1::bigint[])
       AND (SELECT count(*) FROM ticket_messages m WHERE m.ticket_id = t.id) = 20`,
    [Array.from({ length: Math.floor(opts.tickets / 500) + 1 }, (_, i) => 1007 + i * 500)],
  );
  const detailTickets = agents.map(
    (a) => candidates.find((c) => a.departmentIds.includes(c.department_id))?.id ?? candidates[0]?.id ?? '',
  );
  const replyTickets: string[][] = [];
  for (const agent of agents) {
    const rows = await database.query<{ id: string }>(
      `SELECT t.id FROM tickets t JOIN ticket_statuses s ON s.id = t.status_id
       WHERE t.department_id = ANY($1::uuid[]) AND NOT s.is_closed
       ORDER BY t.created_at DESC LIMIT 500`,
      [agent.departmentIds],
    );
    replyTickets.push(rows.map((r) => r.id));
  }
  const ticketNumber = 1000 + Math.max(1, Math.floor(opts.tickets / 3));
  const seedEnd = (await readSeedInfo(database))?.endDate ?? new Date().toISOString();
  return {
    seedEnd,
    agents,
    customers,
    detailTickets,
    replyTickets,
    departmentIds,
    highPriorityId,
    openStatusIds,
    ticketNumber,
    fieldOptionIds,
  };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface Req {
  path: string;
  cookie: string;
  body?: unknown;
}

interface Target {
  p99?: number;
  p95?: number;
  rps?: number;
  floorRatio?: number;
}

interface Scenario {
  name: string;
  kind: 'read' | 'write';
  method: 'GET' | 'POST';
  /** The OpenAPI path that must exist for the scenario to run. */
  route: string;
  /** Called once before the timed run (e.g. to walk to page 50). */
  prepare?: (ctx: Ctx) => Promise<void>;
  /** Called after the run and its floor: undoes what `prepare` added for this scenario alone. */
  cleanup?: (ctx: Ctx) => Promise<void>;
  /** Prepares its data through the bench's own connection, which the embedded run has not. */
  needsDatabase?: boolean;
  /** The i-th request of the run. */
  request: (i: number) => Req;
  /** Which targets of issue 8 apply. */
  target: Target;
  /** Issue 22's targets on the embedded database (`--embedded`); none when unset. */
  embeddedTarget?: Target;
  note?: string;
  /** How many distinct requests exist (e.g. tickets left to take); the run stops when they are used up. */
  budget?: () => number;
}

interface Ctx {
  base: string;
  fixtures: Fixtures;
  /** The bench's own connection; undefined on the embedded database, which the server owns alone. */
  database?: Database;
}
function pick<T>(list: T[], i: number): T {
  const item = list[i % list.length];
  if (item === undefined) throw new Error('empty fixture list');
  return item;
}

function qs(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, String(v));
  return search.toString();
}

async function getJson(ctx: Ctx, pathAndQuery: string, cookie: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${ctx.base}${pathAndQuery}`, { headers: { cookie, origin: ctx.base } });
  return { status: res.status, body: await res.json().catch(() => null) };
}

function nextCursorOf(body: unknown): string | undefined {
  const b = body as { meta?: { nextCursor?: string | null }; data?: { nextCursor?: string | null } } | null;
  return b?.meta?.nextCursor ?? b?.data?.nextCursor ?? undefined;
}

function scenarios(f: Fixtures): Scenario[] {
  const agent = (i: number) => pick(f.agents, i);
  const queue = (extra: Record<string, string | number | undefined> = {}) =>
    `/api/tickets?${qs({ status: 'open', limit: 25, ...extra })}`;
  const readTarget = { p99: 25, floorRatio: 2 };
  // Issue 22 at 10,000 tickets: queue and detail p99 ≤ 25 ms, search p95 ≤ 50 ms, create ≥ 300/s.
  const embeddedRead = { p99: 25 };
  const embeddedSearch = { p95: 50 };
  /** A ticket search by an agent: the i-th request searches for `words(i)`. */
  const ticketSearch = (name: string, words: (i: number) => string): Scenario => ({
    name,
    kind: 'read',
    method: 'GET',
    route: '/api/tickets',
    request: (i) => ({ path: `/api/tickets?${qs({ q: words(i), limit: 25 })}`, cookie: agent(i).cookie }),
    target: { p95: 50 },
    embeddedTarget: embeddedSearch,
  });
  const page50: string[] = [];
  let page50Reached = 0;
  let assignPool: Array<{ agent: number; ticketId: string }> = [];
  const list: Scenario[] = [
    {
      // Not an issue-8 scenario: the framework's own cost around a one-line query, for scale.
      name: 'baseline: /health/ready (SELECT 1)',
      kind: 'read',
      method: 'GET',
      route: '/health/ready',
      request: (i) => ({ path: '/health/ready', cookie: agent(i).cookie }),
      target: {},
    },
    {
      name: 'queue: open, my departments, newest, 25',
      kind: 'read',
      method: 'GET',
      route: '/api/tickets',
      request: (i) => ({ path: queue(), cookie: agent(i).cookie }),
      target: readTarget,
      embeddedTarget: embeddedRead,
    },
    {
      name: 'queue: page 50 by cursor',
      kind: 'read',
      method: 'GET',
      route: '/api/tickets',
      prepare: async (ctx) => {
        // Walking 49 pages is slow when the queue is: three agents are enough to rotate over.
        for (const a of f.agents.slice(0, 3)) {
          let cursor: string | undefined;
          let page = 1;
          for (; page < 50; page++) {
            const { body } = await getJson(ctx, queue({ cursor }), a.cookie);
            const next = nextCursorOf(body);
            if (!next) break;
            cursor = next;
          }
          page50.push(queue({ cursor }));
          page50Reached = Math.max(page50Reached, page);
        }
      },
      request: (i) => ({ path: pick(page50, i), cookie: agent(i % page50.length).cookie }),
      target: readTarget,
      embeddedTarget: embeddedRead,
      get note() {
        return page50Reached < 50 ? `only ${page50Reached} pages exist at this size` : undefined;
      },
    },
    {
      // The saved view "Recently closed": the queue in order of last activity (issue 22: a reply
      // moves it, so where that order is kept decides whether a reply's ticket update is HOT).
      name: 'queue: closed, last activity first',
      kind: 'read',
      method: 'GET',
      route: '/api/tickets',
      request: (i) => ({
        path: queue({ status: 'closed', sort: 'updated_at', order: 'desc' }),
        cookie: agent(i).cookie,
      }),
      target: readTarget,
      embeddedTarget: embeddedRead,
    },
    {
      // The queue's "updated" sort on its default status filter: a few per cent of each
      // department's tickets are open.
      name: 'queue: open, last activity first',
      kind: 'read',
      method: 'GET',
      route: '/api/tickets',
      request: (i) => ({ path: queue({ sort: 'updated_at', order: 'desc' }), cookie: agent(i).cookie }),
      target: readTarget,
      embeddedTarget: embeddedRead,
    },
    {
      // Issue 16: a select field set on 60 % of tickets, a common option (15 %) then the rare one (0.2 %).
      name: 'queue: open + select custom field',
      kind: 'read',
      method: 'GET',
      route: '/api/tickets',
      request: (i) => ({
        path: queue({ field: `${BENCH_FIELD_KEY}:${i % 2 === 0 ? f.fieldOptionIds[1] : f.fieldOptionIds.at(-1)}` }),
        cookie: agent(i).cookie,
      }),
      target: readTarget,
      embeddedTarget: embeddedRead,
    },
    {
      name: 'queue: open + priority High',
      kind: 'read',
      method: 'GET',
      route: '/api/tickets',
      request: (i) => ({ path: queue({ priorityId: f.highPriorityId }), cookie: agent(i).cookie }),
      target: readTarget,
      embeddedTarget: embeddedRead,
    },
    {
      // Issue 18: running clocks by due time, a walk of each of the agent's departments (idx_ticket_sla_department_due).
      name: 'queue: SLA due soonest',
      kind: 'read',
      method: 'GET',
      route: '/api/tickets',
      request: (i) => ({ path: queue({ sort: 'sla_due', order: 'asc' }), cookie: agent(i).cookie }),
      target: readTarget,
      embeddedTarget: embeddedRead,
    },
    {
      // Issue 18: open tickets whose clock is past its due time, newest first.
      name: 'queue: SLA breached',
      kind: 'read',
      method: 'GET',
      route: '/api/tickets',
      request: (i) => ({ path: queue({ sla: 'breached' }), cookie: agent(i).cookie }),
      target: readTarget,
      embeddedTarget: embeddedRead,
    },
    {
      // Issue 16: a semi-join on ticket_tags in the queue's keyset order.
      name: 'queue: open + tag "billing"',
      kind: 'read',
      method: 'GET',
      route: '/api/tickets',
      request: (i) => ({ path: queue({ tagsAny: benchTags[0] }), cookie: agent(i).cookie }),
      target: readTarget,
      embeddedTarget: embeddedRead,
    },
    {
      name: 'detail: ticket with 20 messages',
      kind: 'read',
      method: 'GET',
      route: '/api/tickets/{id}',
      request: (i) => ({ path: `/api/tickets/${pick(f.detailTickets, i)}`, cookie: agent(i).cookie }),
      target: readTarget,
      embeddedTarget: embeddedRead,
    },
    ticketSearch('search: common word', () => 'password'),
    ticketSearch('search: rare word', (i) => pick(rareWords, i)),
    // Issue 22: rare words together (all must match), or a rare word with a common one.
    ticketSearch(
      'search: several rare words',
      (i) => `${pick(rareWords, i)} ${i % 2 === 0 ? pick(rareWords, i + 1) : 'password'}`,
    ),
    {
      // Issue 22: a common word that the newest 10,000 tickets of the first agent's departments
      // lack, as after 10,000 new tickets without "password". A page walks at most
      // SEARCH_WALK_LIMIT tickets. Only that agent searches: the others' newest tickets have it.
      ...ticketSearch('search: common word absent from the newest 10,000', () => 'password'),
      request: () => ({ path: `/api/tickets?${qs({ q: 'password', limit: 25 })}`, cookie: agent(0).cookie }),
      needsDatabase: true,
      prepare: async (ctx) => {
        if (ctx.database) await addTicketsWithoutWord(ctx.database, f, 10_000);
      },
      cleanup: async (ctx) => {
        if (ctx.database) await removeTicketsWithoutWord(ctx.database, f);
      },
    },
    ticketSearch('search: prefix "invo"', () => 'invo'),
    ticketSearch('search: ticket number', (i) => `#${f.ticketNumber + (i % 100)}`),
    {
      // Issue 20: article search at 10,000 articles, p95 ≤ 50 ms (a customer: published, public + customers).
      name: 'help search: "password" (customer)',
      kind: 'read',
      method: 'GET',
      route: '/api/help/articles',
      request: (i) => ({
        path: `/api/help/articles?${qs({ q: 'password', limit: 20 })}`,
        cookie: pick(f.customers, i).cookie,
      }),
      target: { p95: 50 },
      embeddedTarget: embeddedSearch,
    },
    {
      name: 'help suggestions: new ticket subject',
      kind: 'read',
      method: 'GET',
      route: '/api/help/suggestions',
      request: (i) => ({
        path: `/api/help/suggestions?${qs({ subject: pick(['cannot export my report', 'invoice charged twice', 'app crashes on start'], i) })}`,
        cookie: pick(f.customers, i).cookie,
      }),
      target: { p95: 50 },
      embeddedTarget: embeddedSearch,
    },
    {
      name: 'dashboard',
      kind: 'read',
      method: 'GET',
      route: '/api/dashboard',
      request: (i) => ({ path: '/api/dashboard', cookie: agent(i).cookie }),
      target: { p95: 50, p99: 25 },
    },
    {
      name: 'unread-count polling',
      kind: 'read',
      method: 'GET',
      route: '/api/notifications/unread-count',
      request: (i) => ({
        path: '/api/notifications/unread-count',
        cookie: i % 2 === 0 ? agent(i >> 1).cookie : pick(f.customers, i >> 1).cookie,
      }),
      target: { rps: 5000, p99: 25, floorRatio: 2 },
    },
    {
      // Issue 17: the ticket page's presence poll every 5 s, target like unread-count (≥ 5,000 req/s).
      name: 'presence poll',
      kind: 'read',
      method: 'GET',
      route: '/api/tickets/{id}/presence',
      // Every agent is on its detail ticket, so each poll finds the others there.
      prepare: async (ctx) => {
        for (const [i, a] of f.agents.entries()) {
          await fetch(`${ctx.base}/api/tickets/${pick(f.detailTickets, i)}/presence`, {
            method: 'PUT',
            headers: { cookie: a.cookie, origin: ctx.base, 'content-type': 'application/json' },
            body: JSON.stringify({ state: 'viewing' }),
          });
        }
      },
      request: (i) => ({ path: `/api/tickets/${pick(f.detailTickets, i)}/presence`, cookie: agent(i).cookie }),
      target: { rps: 5000, p99: 25, floorRatio: 2 },
    },
    {
      name: 'create ticket (customer)',
      kind: 'write',
      method: 'POST',
      route: '/api/tickets',
      request: (i) => {
        return {
          path: '/api/tickets',
          cookie: pick(f.customers, i).cookie,
          // Into the benched agents' departments, so that assign-to-me finds fresh tickets.
          body: {
            subject: `Bench ticket ${i}: cannot export the monthly report`,
            description: 'Since the update the export button does nothing. We need the report for the audit.',
            departmentId: pick(f.agents, i).departmentIds[0],
          },
        };
      },
      target: { rps: 1000 },
      embeddedTarget: { rps: 300 },
    },
    {
      name: 'reply (agent, public)',
      kind: 'write',
      method: 'POST',
      route: '/api/tickets/{id}/messages',
      request: (i) => {
        const a = i % f.agents.length;
        return {
          path: `/api/tickets/${pick(f.replyTickets[a] ?? [], Math.floor(i / f.agents.length))}/messages`,
          cookie: agent(a).cookie,
          body: {
            body: 'Thanks for the details, we are looking into it and will get back to you today.',
            isInternal: false,
          },
        };
      },
      target: { rps: 1000 },
    },
    {
      name: 'assign to me',
      kind: 'write',
      method: 'POST',
      route: '/api/tickets/{id}/assign-to-me',
      // Fresh unassigned open tickets of each agent's departments (the create scenario adds some).
      prepare: async (ctx) => {
        assignPool = ctx.database ? await fillAssignPool(ctx.database, f) : await assignPoolFromApi(ctx, f);
      },
      get note() {
        return `${this.budget?.()} unassigned open tickets to take`;
      },
      budget: () => assignPool.length,
      request: (i) => {
        const take = assignPool[i % Math.max(1, assignPool.length)];
        if (!take) return { path: `/api/tickets/${pick(f.detailTickets, i)}/assign-to-me`, cookie: agent(i).cookie };
        return { path: `/api/tickets/${take.ticketId}/assign-to-me`, cookie: agent(take.agent).cookie };
      },
      target: {},
    },
  ];
  return list;
}

const WITHOUT_WORD_SUBJECT = 'Bench ticket without the word';

/**
 * `count` tickets newer than the seed in the first agent's departments, none with "password":
 * the newest tickets that agent can see then all lack a word that older ones often have.
 */
async function addTicketsWithoutWord(database: Database, f: Fixtures, count: number): Promise<void> {
  const [agent] = f.agents;
  const [customer] = f.customers;
  if (!agent || !customer) throw new Error('no benched agent or customer');
  await removeTicketsWithoutWord(database, f);
  await database.query(
    `INSERT INTO tickets (subject, description, status_id, priority_id, department_id, customer_id,
       created_by_id, created_at, updated_at)
     SELECT $1 || ' ' || g, 'The printer on floor ' || (g % 9) || ' prints blank pages since Monday.',
       $2, $3, ($4::uuid[])[1 + g % cardinality($4::uuid[])], $5, $5, ts, ts
     FROM generate_series(1, $6::int) g
       CROSS JOIN LATERAL (SELECT $7::timestamptz + g * interval '1 second' AS ts) c`,
    [WITHOUT_WORD_SUBJECT, f.openStatusIds[0], f.highPriorityId, agent.departmentIds, customer.id, count, f.seedEnd],
  );
}

async function removeTicketsWithoutWord(database: Database, f: Fixtures): Promise<void> {
  await database.query('DELETE FROM tickets WHERE created_at > $1 AND starts_with(subject, $2)', [
    f.seedEnd,
    WITHOUT_WORD_SUBJECT,
  ]);
}

/** The scenarios `--only` selects (all by default). */
function selectedScenarios(f: Fixtures): Scenario[] {
  return scenarios(f).filter((s) => !opts.only || opts.only.some((o) => s.name.includes(o)));
}

/** Unassigned open tickets of each agent's departments, newest first, none shared between agents. */
async function fillAssignPool(database: Database, f: Fixtures): Promise<Array<{ agent: number; ticketId: string }>> {
  // Each ticket goes to one agent of its department, taken in turns so every agent keeps working.
  const rows = await database.query<{ id: string; department_id: string }>(
    `SELECT t.id, t.department_id FROM tickets t JOIN ticket_statuses s ON s.id = t.status_id
     WHERE t.department_id = ANY($1::uuid[]) AND t.assigned_to_id IS NULL AND NOT s.is_closed
     ORDER BY t.created_at DESC LIMIT 30000`,
    [[...new Set(f.agents.flatMap((a) => a.departmentIds))]],
  );
  const queues: string[][] = f.agents.map(() => []);
  const turn = new Map<string, number>();
  for (const row of rows) {
    const members = f.agents
      .map((a, k) => (a.departmentIds.includes(row.department_id) ? k : -1))
      .filter((k) => k >= 0);
    if (members.length === 0) continue;
    const t = turn.get(row.department_id) ?? 0;
    turn.set(row.department_id, t + 1);
    queues[members[t % members.length] ?? 0]?.push(row.id);
  }
  const out: Array<{ agent: number; ticketId: string }> = [];
  for (let round = 0; out.length < rows.length; round++) {
    let added = false;
    for (const [k, q] of queues.entries()) {
      const id = q[round];
      if (id) {
        out.push({ agent: k, ticketId: id });
        added = true;
      }
    }
    if (!added) break;
  }
  return out;
}

/**
 * fillAssignPool through the API, for the embedded database that the server holds alone: each
 * agent's unassigned open tickets, newest first, each ticket given to the first agent who sees it.
 */
async function assignPoolFromApi(ctx: Ctx, f: Fixtures): Promise<Array<{ agent: number; ticketId: string }>> {
  const taken = new Set<string>();
  const queues: string[][] = [];
  for (const a of f.agents) {
    const mine: string[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await getJson(
        ctx,
        `/api/tickets?${qs({ status: 'open', assignee: 'none', limit: 100, cursor })}`,
        a.cookie,
      );
      for (const t of (body as { data?: Array<{ id: string }> } | null)?.data ?? []) {
        if (!taken.has(t.id)) {
          taken.add(t.id);
          mine.push(t.id);
        }
      }
      cursor = nextCursorOf(body);
    } while (cursor && mine.length < 3000);
    queues.push(mine);
  }
  const out: Array<{ agent: number; ticketId: string }> = [];
  for (let round = 0; queues.some((q) => q[round]); round++) {
    for (const [k, q] of queues.entries()) {
      const id = q[round];
      if (id) out.push({ agent: k, ticketId: id });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Captured {
  text: string;
  values: unknown[];
  /** Set when the server runs it as a named (prepared) statement. */
  name?: string;
}

interface Stats {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  count: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

function summarize(latencies: number[], seconds: number, errors: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    count: latencies.length,
    errors,
  };
}

function headersFor(ctx: Ctx, r: Req): Record<string, string> {
  const headers: Record<string, string> = { cookie: r.cookie, origin: ctx.base, accept: 'application/json' };
  if (flags.gzip) headers['accept-encoding'] = 'gzip';
  if (r.body !== undefined) headers['content-type'] = 'application/json';
  return headers;
}

const counters = new Map<Scenario, number>();

/** The scenario's next request; one sequence per scenario across capture, warm-up and load. */
function nextRequest(s: Scenario): Req {
  const i = counters.get(s) ?? 0;
  counters.set(s, i + 1);
  return s.request(i);
}

/** Sends request `r` once and returns status and body. */
async function once(ctx: Ctx, s: Scenario, r: Req): Promise<{ status: number; text: string }> {
  const res = await fetch(`${ctx.base}${r.path}`, {
    method: s.method,
    headers: headersFor(ctx, r),
    body: r.body === undefined ? undefined : JSON.stringify(r.body),
  });
  return { status: res.status, text: await res.text() };
}

/** Runs scenario `s` with autocannon for the configured duration and connections. */
async function load(
  ctx: Ctx,
  s: Scenario,
  seconds = opts.duration,
): Promise<Stats & { statuses: Record<string, number> }> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let exhausted = false;
  const first = nextRequest(s);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: ctx.base,
        connections: opts.connections,
        duration: seconds,
        requests: [
          {
            method: s.method,
            path: first.path,
            setupRequest: (req) => {
              if (s.budget && (counters.get(s) ?? 0) >= s.budget() && !exhausted) {
                exhausted = true;
                setImmediate(() => instance.stop());
              }
              const r = nextRequest(s);
              return {
                ...req,
                method: s.method,
                path: r.path,
                headers: headersFor(ctx, r),
                body: r.body === undefined ? undefined : JSON.stringify(r.body),
              };
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      // Requests sent after the budget ran out repeat earlier ones: not part of the measurement.
      if (exhausted) return;
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode < 200 || statusCode >= 300) errors++;
    });
  });
  errors += result.errors + result.timeouts;
  const stats = summarize(latencies, result.duration, errors);
  return { ...stats, statuses };
}

const TX_CONTROL = /^\s*(begin|commit|rollback|savepoint|release|start transaction)\b/i;

interface FloorStats extends Stats {
  /** Mean time of each statement of the request, in capture order. */
  perStatement: Array<{ text: string; meanMs: number }>;
  /** EXPLAIN (ANALYZE, BUFFERS) of the slowest statement. */
  plan?: string;
}

/** One connection the floor replays statements on. */
interface FloorClient {
  query(q: { text: string; values: unknown[]; name?: string }): Promise<Array<Record<string, unknown>>>;
  release(): void;
}

/** Where the floor replays: `clients` connections at once. */
interface FloorTarget {
  clients: number;
  connect(): Promise<FloorClient>;
  end(): Promise<void>;
}

/** PostgreSQL at `url`, as many connections as the load used. */
function postgresFloor(url: string): FloorTarget {
  // A runaway query must not hold the bench for minutes.
  const pool = new pg.Pool({ connectionString: url, max: opts.connections, statement_timeout: 30_000 });
  return {
    clients: opts.connections,
    async connect() {
      const client = await pool.connect();
      return {
        // A named statement is prepared once per connection, as the server runs it.
        query: async (q) => (await client.query<Record<string, unknown>>(q)).rows,
        release: () => client.release(),
      };
    },
    end: () => pool.end(),
  };
}

/** PGlite in this process: one connection, which is all the embedded database has. */
function pgliteFloor(database: Database): FloorTarget {
  return {
    clients: 1,
    // A named statement is prepared once, as the server runs it (db/pglite-statements.ts).
    connect: async () => ({
      query: (q) => database.query(q.text, q.values, { prepared: q.name }),
      release: () => {},
    }),
    end: async () => {},
  };
}

/**
 * A request's statements as the server ran them: each transaction (BEGIN … COMMIT) one unit, and
 * each statement outside one a unit of its own. The floor replays every unit of a write inside a
 * transaction that it rolls back, so locks are held as briefly as the server holds them (the
 * rate-limit row only for its own statement, not for the whole request) and the data is left as
 * it was.
 */
function transactionUnits(queries: Captured[]): Captured[][] {
  const units: Captured[][] = [];
  let open: Captured[] | undefined;
  for (const q of queries) {
    if (/^\s*(begin|start transaction)\b/i.test(q.text)) {
      open = [];
      units.push(open);
    } else if (/^\s*(commit|rollback)\s*$/i.test(q.text)) open = undefined;
    else if (!TX_CONTROL.test(q.text)) {
      if (open) open.push(q);
      else units.push([q]);
    }
  }
  return units.filter((u) => u.length > 0);
}

/**
 * The ids a write made itself and sent as values (an INSERT's explicit `id` first, e.g. a reply's
 * message written with the reply's other rows, or a new ticket): the captured request committed them, so a replay
 * that sends them again would only meet their duplicate keys.
 */
function madeIds(queries: Captured[]): string[] {
  const ids = new Set<string>();
  for (const q of queries) {
    for (const m of q.text.matchAll(/insert into "?\w+"?\s*\(\s*"?id"?,[^)]*\)\s*values \(\$(\d+)/gi)) {
      const value = q.values[Number(m[1]) - 1];
      if (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
        ids.add(value);
    }
  }
  return [...ids];
}

/** The units with each id the request made replaced by a new one, wherever it is sent (as a new request would). */
function withNewIds(units: Captured[][], ids: string[]): Captured[][] {
  if (ids.length === 0) return units;
  let json = JSON.stringify(units);
  for (const id of ids) json = json.replaceAll(id, randomUUID());
  return JSON.parse(json) as Captured[][];
}

/**
 * Replays the captured SQL of one request on `target`'s clients for the floor duration. A write
 * has one sample per client (different users and tickets, as the load has), so the clients do not
 * wait on each other's locks on one row, which the load itself never does.
 */
async function floor(target: FloorTarget, samples: Captured[][], write: boolean): Promise<FloorStats> {
  // A read's statements run one after the other (they take no locks); a write's in their units.
  const perSample = samples.map((queries) =>
    write ? transactionUnits(queries) : [queries.filter((q) => !TX_CONTROL.test(q.text))],
  );
  const statements = (perSample[0] ?? []).flat();
  const latencies: number[] = [];
  const totals = statements.map(() => 0);
  let errors = 0;
  const until = performance.now() + opts.floorDuration * 1000;
  const started = performance.now();
  const worker = async (clientIndex: number) => {
    const client = await target.connect();
    const sampleUnits = perSample[clientIndex % perSample.length] ?? [];
    const ids = write ? madeIds(sampleUnits.flat()) : [];
    try {
      while (performance.now() < until) {
        const units = withNewIds(sampleUnits, ids);
        const t0 = performance.now();
        try {
          let k = 0;
          for (const unit of units) {
            if (write) await client.query({ text: 'BEGIN', values: [] });
            for (const q of unit) {
              const q0 = performance.now();
              await client.query(q);
              totals[k] = (totals[k] ?? 0) + performance.now() - q0;
              k++;
            }
            if (write) await client.query({ text: 'ROLLBACK', values: [] });
          }
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
          await client.query({ text: 'ROLLBACK', values: [] }).catch(() => {});
        }
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: target.clients }, (_, k) => worker(k)));
  const seconds = (performance.now() - started) / 1000;
  const runs = Math.max(1, latencies.length);
  const perStatement = statements.map((q, k) => ({ text: q.text, meanMs: (totals[k] ?? 0) / runs }));
  let plan: string | undefined;
  let slowest = -1;
  for (const [k, st] of perStatement.entries())
    if (slowest < 0 || st.meanMs > (perStatement[slowest]?.meanMs ?? 0)) slowest = k;
  const slowestStatement = statements[slowest];
  const explained = slowestStatement && withNewIds([[slowestStatement]], write ? madeIds(statements) : [])[0]?.[0];
  if (explained) {
    const client = await target.connect();
    try {
      await client.query({ text: 'BEGIN', values: [] });
      const rows = await client.query({
        text: `EXPLAIN (ANALYZE, BUFFERS) ${explained.text}`,
        values: explained.values,
      });
      plan = rows.map((r) => String(r['QUERY PLAN'])).join('\n');
    } catch (err) {
      plan = `EXPLAIN failed: ${(err as Error).message}`;
    } finally {
      await client.query({ text: 'ROLLBACK', values: [] }).catch(() => {});
      client.release();
    }
  }
  return { ...summarize(latencies, seconds, errors), perStatement, plan };
}

// ---------------------------------------------------------------------------------------------
// Report

interface Row {
  scenario: Scenario;
  skipped?: string;
  api?: Stats & { statuses: Record<string, number> };
  floor?: FloorStats;
  queries?: number;
  rssBefore?: number;
  rssAfter?: number;
  /** The server's CPU time per answered request during the load (all of its threads). */
  cpuMsPerRequest?: number;
  /** PostgreSQL's CPU per request (every postgres process on the machine). */
  pgCpuMsPerRequest?: number;
  /** 1-minute load average when the scenario started: other work on the machine skews results. */
  load?: number;
  misses: string[];
}

const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const rate = (n: number | undefined) => (n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));

function checkTargets(row: Row): string[] {
  const misses: string[] = [];
  const t = (flags.embedded ? row.scenario.embeddedTarget : row.scenario.target) ?? {};
  const api = row.api;
  if (!api) return misses;
  if (api.errors > 0) misses.push(`${api.errors} errors`);
  if (t.p99 !== undefined && api.p99 > t.p99) misses.push(`p99 > ${t.p99} ms`);
  if (t.p95 !== undefined && api.p95 > t.p95) misses.push(`p95 > ${t.p95} ms`);
  if (t.rps !== undefined && api.rps < t.rps) misses.push(`< ${t.rps} req/s`);
  if (t.floorRatio !== undefined && row.floor && api.p99 > t.floorRatio * row.floor.p99) {
    misses.push(`p99 > ${t.floorRatio}× floor`);
  }
  const rssLimit = flags.embedded ? EMBEDDED_RSS_LIMIT_MB : 250;
  if (row.rssAfter !== undefined && row.rssAfter > rssLimit) misses.push(`RSS > ${rssLimit} MB`);
  return misses;
}

/** A floor figure, or why there is none (every replay failed, e.g. the 30 s statement timeout). */
function floorCell(f: FloorStats | undefined, key: 'p50' | 'p99'): string {
  if (!f) return '–';
  if (f.count === 0) return `all ${f.errors} failed (> 30 s?)`;
  return ms(f[key]);
}

function table(rows: Row[]): string {
  const lines = [
    '| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/req | PostgreSQL CPU ms/req | floor p50 | floor p99 | floor req/s | API ÷ floor (p50 / p99) | RSS MB before → after | load | targets |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const row of rows) {
    const note = row.skipped ? undefined : row.scenario.note;
    const name = note ? `${row.scenario.name} (${note})` : row.scenario.name;
    if (row.skipped || !row.api) {
      lines.push(`| ${name} | skipped: ${row.skipped ?? 'no result'} | | | | | | | | | | | | | |`);
      continue;
    }
    const a = row.api;
    const f = row.floor;
    const ratio = f && f.count > 0 ? `${(a.p50 / f.p50).toFixed(1)} / ${(a.p99 / f.p99).toFixed(1)}` : '–';
    const statusNote =
      a.errors > 0
        ? ` (${Object.entries(a.statuses)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')})`
        : '';
    lines.push(
      `| ${name} | ${rate(a.rps)} | ${ms(a.p50)} | ${ms(a.p95)} | ${ms(a.p99)} | ${a.errors}${statusNote} | ${ms(row.cpuMsPerRequest)} | ${ms(row.pgCpuMsPerRequest)} | ${floorCell(f, 'p50')} | ${floorCell(f, 'p99')} | ${rate(f?.rps)} | ${ratio} | ${row.rssBefore} → ${row.rssAfter} | ${row.load?.toFixed(1) ?? '–'} | ${row.misses.length ? `✗ ${row.misses.join('; ')}` : '✓'} |`,
    );
  }
  return lines.join('\n');
}

/** The smallest size of this invocation, once measured: what bigger sizes are compared with. */
let smallestRun: { tickets: number; rows: Row[]; report: string } | undefined;

/**
 * Queue and detail latency against the smallest size measured in this same invocation (target: at
 * most 1.5×). Only that: a result file from another run may come from another machine or load.
 */
function growth(rows: Row[]): string {
  if (!smallestRun || smallestRun.tickets === opts.tickets) {
    return opts.tickets > 10_000 && !smallestRun
      ? '_Growth: measure a small size in the same run to compare, e.g. `--tickets 10000,1000000`._\n'
      : '';
  }
  const small = smallestRun;
  const size = small.tickets.toLocaleString('en-US');
  const out = [
    `## Growth against ${size} tickets, measured in the same run (${small.report})`,
    '',
    `| scenario | p50 at ${size} | p50 here | × | p99 at ${size} | p99 here | × |`,
    '|---|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows) {
    const before = small.rows.find((r) => r.scenario.name === row.scenario.name)?.api;
    if (!row.api || !before || !/^(queue|detail)/.test(row.scenario.name)) continue;
    out.push(
      `| ${row.scenario.name} | ${ms(before.p50)} | ${ms(row.api.p50)} | ${(row.api.p50 / before.p50).toFixed(1)} | ${ms(before.p99)} | ${ms(row.api.p99)} | ${(row.api.p99 / before.p99).toFixed(1)} |`,
    );
  }
  return out.length > 4 ? `${out.join('\n')}\n` : '';
}

function appendix(rows: Row[]): string {
  const out = ['## SQL per request and the plan of its slowest statement', ''];
  for (const row of rows) {
    const f = row.floor;
    if (!f) continue;
    out.push(`### ${row.scenario.name}`, '');
    for (const st of f.perStatement) {
      const text = st.text.replace(/\s+/g, ' ').trim();
      out.push(`- ${ms(st.meanMs)} ms: \`${text.length > 240 ? `${text.slice(0, 240)}…` : text}\``);
    }
    if (f.plan) out.push('', '```', f.plan, '```');
    out.push('');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

async function routesOf(base: string): Promise<Set<string>> {
  const res = await fetch(`${base}/api/openapi.json`);
  if (!res.ok) throw new Error(`GET /api/openapi.json answered ${res.status}`);
  const doc = (await res.json()) as { paths?: Record<string, Record<string, unknown>> };
  const routes = new Set<string>();
  for (const [p, methods] of Object.entries(doc.paths ?? {})) {
    for (const m of Object.keys(methods)) routes.add(`${m.toUpperCase()} ${p}`);
  }
  return routes;
}

/**
 * Reads every table and index of the bench database into shared_buffers, as a server that has
 * been serving for a while holds them; only on the bench's own cluster, sized to hold them.
 */
async function prewarm(url: string): Promise<void> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    const { rows } = await client.query<{ blocks: string }>(
      `SELECT coalesce(sum(pg_prewarm(c.oid)), 0) AS blocks FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i')`,
    );
    const mb = Math.round((Number(rows[0]?.blocks ?? 0) * 8) / 1024);
    log(
      `✓ read ${mb} MB of tables and indexes into shared_buffers (pg_prewarm, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The embedded database (--embedded)

/** Issue 22: RSS under load; idle and start-up targets are in measureStarts. */
const EMBEDDED_RSS_LIMIT_MB = 300;
const EMBEDDED_IDLE_RSS_LIMIT_MB = 250;
/** How long a started server idles before its RSS is read. */
const IDLE_MS = 3_000;

/** Seeds (or reuses) the PGlite data directory `<--pglite-dir>/<tickets>`. */
async function prepareEmbedded(): Promise<{ dataDir: string; seconds: number | null }> {
  const dataDir = path.join(flags['pglite-dir'], String(opts.tickets));
  if (existsSync(dataDir) && !flags.fresh) {
    const database = await openPglite({ dataDir, cacheMb: opts.cacheMb });
    try {
      if (await reuseSeeded(database, dataDir)) return { dataDir, seconds: null };
    } finally {
      await database.close();
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  const database = await openPglite({ dataDir, cacheMb: opts.cacheMb });
  try {
    await runMigrations(database);
    const info = await seedDatabase(database, { tickets: opts.tickets, seed: opts.seed, log });
    log(`✓ seeded ${dataDir}: ${info.tickets} tickets, ${info.messages} messages in ${info.seconds} s`);
    return { dataDir, seconds: info.seconds };
  } finally {
    await database.close();
  }
}

/** The server's environment on the embedded database in `dataDir`. */
function embeddedEnv(dataDir: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    ...(opts.cacheMb ? { EMBEDDED_DB_CACHE_MB: String(opts.cacheMb) } : {}),
    ...(opts.heapMb !== undefined ? { EMBEDDED_HEAP_MB: String(opts.heapMb) } : {}),
  };
}

interface Start {
  ms: number;
  /** RSS after IDLE_MS of idling, and the process's peak RSS until then. */
  rssMb: number;
  peakMb: number;
  load: number;
}

/** Starts the server on `dataDir`, waits for /health, idles, reads its memory and stops it. */
async function timedStart(dataDir: string, logFile: string): Promise<Start> {
  const load = os.loadavg()[0] ?? 0;
  const server = await startServer(undefined, logFile, embeddedEnv(dataDir), []);
  try {
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return { ms: server.startMs, rssMb: rssMb(server.pid), peakMb: peakRssMb(server.pid), load };
  } finally {
    await server.stop();
  }
}

interface StartKind {
  name: string;
  /** Issue 22's limit for the time to the first /health answer. */
  limitMs: number;
  starts: Start[];
}

/**
 * `--starts` cold starts (each on a new, empty data directory), as many warm starts (restarts on
 * the last of them) and as many restarts on the seeded data.
 */
async function measureStarts(runDir: string, seededDir: string): Promise<StartKind[]> {
  const logFile = path.join(runDir, 'starts.log');
  const cold: StartKind = { name: 'cold: empty data directory (first start)', limitMs: 5_000, starts: [] };
  const warm: StartKind = { name: 'warm: restart, no tickets', limitMs: 2_000, starts: [] };
  const seeded: StartKind = {
    name: `warm: restart, ${opts.tickets.toLocaleString('en-US')} tickets`,
    limitMs: 2_000,
    starts: [],
  };
  let last = '';
  for (let i = 0; i < opts.starts; i++) {
    last = path.join(runDir, `start-${i}`);
    cold.starts.push(await timedStart(last, logFile));
    rmSync(path.join(runDir, `start-${i - 1}`), { recursive: true, force: true });
  }
  for (let i = 0; i < opts.starts; i++) warm.starts.push(await timedStart(last, logFile));
  rmSync(last, { recursive: true, force: true });
  for (let i = 0; i < opts.starts; i++) seeded.starts.push(await timedStart(seededDir, logFile));
  for (const kind of [cold, warm, seeded]) {
    const m = median(kind.starts.map((s) => s.ms));
    log(`- start ${kind.name}: median ${Math.round(m)} ms, idle RSS ${median(kind.starts.map((s) => s.rssMb))} MB`);
  }
  return [cold, warm, seeded];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function startsTable(kinds: StartKind[]): string {
  const lines = [
    '| start | runs | to /health, median ms (min–max) | idle RSS MB, median (max) | peak RSS MB, median | load (1 min) | targets |',
    '|---|--:|--:|--:|--:|--:|---|',
  ];
  for (const k of kinds) {
    const times = k.starts.map((s) => s.ms);
    const rss = k.starts.map((s) => s.rssMb);
    const misses = [
      median(times) > k.limitMs ? `> ${k.limitMs / 1000} s` : '',
      median(rss) > EMBEDDED_IDLE_RSS_LIMIT_MB ? `idle RSS > ${EMBEDDED_IDLE_RSS_LIMIT_MB} MB` : '',
    ].filter(Boolean);
    const loads = k.starts.map((s) => s.load);
    lines.push(
      `| ${k.name} | ${k.starts.length} | ${Math.round(median(times)).toLocaleString('en-US')} (${Math.round(Math.min(...times))}–${Math.round(Math.max(...times))}) | ${median(rss)} (${Math.max(...rss)}) | ${median(k.starts.map((s) => s.peakMb))} | ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} | ${misses.length ? `✗ ${misses.join('; ')}` : '✓'} |`,
    );
  }
  return lines.join('\n');
}

/** `--embedded`: start-up, then every scenario against the server on PGlite, then the floors. */
async function runEmbedded(): Promise<void> {
  const startedAt = new Date();
  const startLoad = os.loadavg()[0] ?? 0;
  const t0 = performance.now();
  buildIfNeeded();
  const runDir = path.join(os.tmpdir(), `helpdesk-bench-${process.pid}`);
  mkdirSync(runDir, { recursive: true });
  const { dataDir, seconds: seedSeconds } = await prepareEmbedded();

  // Sessions and fixtures are written before the server starts: then it owns the data directory.
  let database = await openPglite({ dataDir, cacheMb: opts.cacheMb });
  let fixtures: Fixtures;
  try {
    fixtures = await loadFixtures(database);
  } finally {
    await database.close();
  }
  const starts = await measureStarts(runDir, dataDir);

  const all = selectedScenarios(fixtures);
  const captureFile = path.join(runDir, 'sql.jsonl');
  writeFileSync(captureFile, '');
  const env = embeddedEnv(dataDir);
  const capture = await capturePass(
    await startServer(
      undefined,
      path.join(runDir, 'capture-server.log'),
      { ...env, BENCH_CAPTURE_FILE: captureFile },
      captureArgs,
    ),
    captureFile,
    { fixtures },
    all,
    1, // the embedded floor has one connection
  );
  const server = await startServer(undefined, path.join(runDir, 'server.log'), env, cpuProfArgs());
  let rows: Row[];
  let idle: number;
  let peak: number;
  try {
    await new Promise((r) => setTimeout(r, IDLE_MS));
    idle = rssMb(server.pid);
    rows = await loadPass(server, { fixtures }, all, capture, undefined);
    peak = peakRssMb(server.pid);
  } finally {
    await server.stop();
  }

  // The floors: the same SQL through PGlite in this process, now that the server has let go.
  database = await openPglite({ dataDir, cacheMb: opts.cacheMb });
  let engine: string;
  try {
    const target = pgliteFloor(database);
    for (const row of rows) {
      const samples = capture.captured.get(row.scenario) ?? [];
      if (!row.api || !samples[0]?.length) continue;
      row.floor = await floor(target, samples, row.scenario.kind === 'write');
      row.misses = checkTargets(row);
    }
    const [v] = await database.query<{ v: string; sb: string }>(
      `SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb`,
    );
    engine = `PGlite (PostgreSQL ${v?.v}, shared_buffers ${v?.sb})`;
    await database.query(`DELETE FROM sessions WHERE user_agent = 'helpdesk-bench'`);
  } finally {
    await database.close();
  }

  const text = [
    `# Embedded database benchmark ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${opts.tickets.toLocaleString('en-US')} tickets`,
    '',
    `- Machine: ${machineLine(engine)}`,
    `- Database: the server's embedded database (no DATABASE_URL) in \`${dataDir}\``,
    dataLine('PGlite data directory', seedSeconds),
    loadLine(),
    `- Floor: the SQL the endpoint ran for one request (captured from PGlite), replayed through PGlite in the bench's process (one connection, as the embedded database has) for ${opts.floorDuration} s after the load; each transaction of a write, and each of its statements outside one, inside a transaction that is rolled back`,
    `- Server RSS: ${idle} MB idle after start, ${peak} MB peak under load (target ≤ ${EMBEDDED_RSS_LIMIT_MB} MB); whole run ${Math.round((performance.now() - t0) / 1000)} s`,
    loadAverageLine(startLoad),
    '',
    '## Start-up',
    '',
    `Time from spawning \`node backend/dist/index.js\` to its first 200 from \`/health\` (polled every 10 ms), RSS after ${IDLE_MS / 1000} s of idling. Targets: cold ≤ 5 s, warm ≤ 2 s, idle RSS ≤ ${EMBEDDED_IDLE_RSS_LIMIT_MB} MB.`,
    '',
    startsTable(starts),
    '',
    '## Load',
    '',
    table(rows),
    '',
    appendix(rows),
  ].join('\n');
  saveReport({
    startedAt,
    name: `${opts.tickets}-tickets-embedded`,
    text,
    rows,
    runDir,
    extra: { idleRssMb: idle, peakRssMb: peak, starts },
  });
}

async function main(): Promise<void> {
  // One embedded database is one process's: several hosts need PostgreSQL.
  if (flags.embedded && opts.hosts)
    throw new Error('--hosts runs on PostgreSQL; it cannot be combined with --embedded');
  // The embedded database serves one process only (deploy/ecosystem.config.cjs says so too).
  if (flags.embedded && opts.workers > 1) throw new Error('--workers runs on PostgreSQL; not with --embedded');
  if (opts.hosts && opts.workers > 1) throw new Error('--workers and --hosts cannot be combined');
  if (flags.embedded) {
    if (ticketSizes.length > 1) throw new Error('--embedded measures one size at a time');
    return runEmbedded();
  }
  const external = flags['postgres-url'];
  if (external) {
    for (const tickets of ticketSizes) {
      opts.tickets = tickets;
      opts.duration = durationFor(tickets);
      await run(external, undefined);
    }
    return;
  }
  const bin = findPostgresBin();
  if (!bin)
    throw new Error('no PostgreSQL server programs in /usr/lib/postgresql: install postgresql or pass --postgres-url');
  const cluster = startCluster({ bin, dir: flags['pg-dir'], port: await freePort(), socket: flags['pg-socket'], log });
  try {
    for (const tickets of ticketSizes) {
      opts.tickets = tickets;
      opts.duration = durationFor(tickets);
      await run(cluster.url, cluster);
    }
  } finally {
    cluster.stop();
  }
}

/**
 * Which scenarios ran in the capture pass, and the SQL their sample requests ran: one request for
 * a read, one per floor client for a write (`writeSamples`).
 */
interface Capture {
  present(s: Scenario): boolean;
  captured: Map<Scenario, Captured[][]>;
}

/**
 * Pass 1: a server started with bench/capture-sql.mjs preloaded records its SQL; one request per
 * scenario tells us what to replay as the floor. Stops the server.
 */
/** Requests sent before a scenario's captured one: the bench's 10 agents and 10 customers twice over. */
const CAPTURE_WARM_REQUESTS = 20;

async function capturePass(
  server: Server,
  captureFile: string,
  ctx: Omit<Ctx, 'base'>,
  all: Scenario[],
  writeSamples: number,
) {
  const routes = await routesOf(server.base);
  const captured = new Map<Scenario, Captured[][]>();
  const present = (s: Scenario) => routes.has(`${s.method} ${s.route}`);
  try {
    const c: Ctx = { ...ctx, base: server.base };
    for (const s of all) {
      if (!present(s) || (s.needsDatabase && !c.database)) continue;
      if (s.prepare) {
        await s.prepare(c);
        counters.set(s, 0);
      }
      // Warm the path first so the captured request is a typical one: a turn of the scenario's
      // users and alternating values, so that what the server caches per user or value (the
      // session, a filter value's count, a search's size) is not in the floor, as under load.
      for (let w = 0; w < CAPTURE_WARM_REQUESTS; w++) await once(c, s, nextRequest(s));
      const samples: Captured[][] = [];
      for (let k = 0; k < (s.kind === 'write' ? writeSamples : 1); k++) {
        const before = readFileSync(captureFile, 'utf8').length;
        const res = await once(c, s, nextRequest(s));
        const lines = readFileSync(captureFile, 'utf8').slice(before).trim().split('\n').filter(Boolean);
        samples.push(lines.map((l) => JSON.parse(l) as Captured));
        if (res.status >= 300) log(`  ! ${s.name}: sample request answered ${res.status}: ${res.text.slice(0, 200)}`);
      }
      captured.set(s, samples);
      await s.cleanup?.(c);
    }
  } finally {
    await server.stop();
  }
  // Every request reads the database (the session, at least): nothing recorded means the
  // preload missed the driver, and every floor would silently be missing.
  if (captured.size > 0 && [...captured.values()].every(([q]) => !q?.length)) {
    throw new Error('The capture pass recorded no SQL: bench/capture-sql.mjs did not reach the database driver');
  }
  return { present, captured } satisfies Capture;
}

/**
 * Pass 2: every scenario against the plain built server, with its floor right after it when
 * `floorTarget` is given (the embedded run replays its floors once the server has stopped).
 */
async function loadPass(
  server: Server,
  ctx: Omit<Ctx, 'base'>,
  all: Scenario[],
  capture: Capture,
  floorTarget: FloorTarget | undefined,
): Promise<Row[]> {
  const rows: Row[] = [];
  const c: Ctx = { ...ctx, base: server.base };
  for (const s of all) {
    if (!capture.present(s)) {
      rows.push({ scenario: s, skipped: 'route missing', misses: [] });
      log(`- ${s.name}: skipped: route missing (${s.method} ${s.route})`);
      continue;
    }
    if (s.needsDatabase && !c.database) {
      rows.push({ scenario: s, skipped: 'PostgreSQL only (prepares its data over SQL)', misses: [] });
      log(`- ${s.name}: skipped: PostgreSQL only`);
      continue;
    }
    if (s.prepare) {
      await s.prepare(c);
      counters.set(s, 0);
    }
    // Warm-up: a second of the same load so the JIT and the connection pool are settled.
    await load(c, s, 1);
    const rssBefore = total(server, rssMb);
    const loadAvg = os.loadavg()[0];
    const cpuBefore = total(server, cpuMs);
    // The embedded database runs inside the server: its CPU is the server's.
    const pgCpuBefore = c.database ? postgresCpuMs() : undefined;
    const api = await load(c, s);
    const cpuMsPerRequest = (total(server, cpuMs) - cpuBefore) / Math.max(1, api.count);
    const pgCpuMsPerRequest =
      pgCpuBefore === undefined ? undefined : (postgresCpuMs() - pgCpuBefore) / Math.max(1, api.count);
    const rssAfter = total(server, rssMb);
    const samples = capture.captured.get(s) ?? [];
    const queries = samples[0] ?? [];
    const fl = floorTarget && queries.length > 0 ? await floor(floorTarget, samples, s.kind === 'write') : undefined;
    await s.cleanup?.(c);
    const row: Row = {
      scenario: s,
      api,
      floor: fl,
      queries: queries.length,
      rssBefore,
      rssAfter,
      cpuMsPerRequest,
      pgCpuMsPerRequest,
      load: loadAvg,
      misses: [],
    };
    row.misses = checkTargets(row);
    rows.push(row);
    log(
      `- ${s.name}: ${rate(api.rps)} req/s, p50 ${ms(api.p50)} p95 ${ms(api.p95)} p99 ${ms(api.p99)} ms, ` +
        `${api.errors} errors; ${fl ? `floor p50 ${ms(fl.p50)} p99 ${ms(fl.p99)} ms ` : ''}(${queries.length} queries); server CPU ${ms(cpuMsPerRequest)} ms/request${pgCpuMsPerRequest === undefined ? '' : `, PostgreSQL ${ms(pgCpuMsPerRequest)}`}; RSS ${rssBefore} → ${rssAfter} MB`,
    );
  }
  return rows;
}

/** The web client's timings (bench/browser.ts) against the server the load ran on. */
async function browserPass(server: Server, f: Fixtures): Promise<BrowserTimings | undefined> {
  if (!browserWanted()) return undefined;
  const agent = f.agents[0];
  const ticketId = f.detailTickets[0];
  if (!agent || !ticketId) return undefined;
  log(`- web client in Chromium: ${opts.browserLoads} loads each …`);
  const timings = await measureBrowser({ base: server.base, cookie: agent.cookie, ticketId, loads: opts.browserLoads });
  log(browserTable(timings));
  return timings;
}

function browserSection(t: BrowserTimings | undefined): string[] {
  if (!t) return [];
  return [
    '## The web client in Chromium',
    '',
    `Debian's Chromium (headless) through playwright-core, 1280 × 860, the first agent on the ticket the detail scenario reads; each time read in the page from the navigation's start (or from the click). Cold: a new browser profile; cached: the next load in it.`,
    '',
    browserTable(t),
    '',
  ];
}

const captureArgs = ['--import', path.join(benchDir, 'capture-sql.mjs')];
/**
 * On PostgreSQL the capture pass runs the server from its TypeScript source: the built
 * dist/index.js bundles its own copy of `pg` (backend/scripts/bundle-server.mjs), which the
 * preload cannot patch. PGlite stays outside the bundle, so the embedded pass runs the build.
 */
const sourceCaptureArgs = ['--conditions=source', '--import', 'tsx', ...captureArgs];
const sourceEntry = path.join(repoDir, 'backend/src/index.ts');
const cpuProfArgs = () =>
  flags['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.join(benchDir, 'results', 'profiles')}`] : [];

/** One bench run against the PostgreSQL server at `serverUrl` (the bench's own `cluster` when given). */
async function run(serverUrl: string, cluster: Cluster | undefined): Promise<void> {
  const startedAt = new Date();
  const startLoad = os.loadavg()[0] ?? 0;
  const t0 = performance.now();
  const { url, name, seconds: seedSeconds } = await prepareDatabase(serverUrl);
  if (cluster) await prewarm(url);
  buildIfNeeded();

  const database = openPostgres({ url, poolSize: 2 });
  const floorTarget = postgresFloor(url);
  const runDir = path.join(os.tmpdir(), `helpdesk-bench-${process.pid}`);
  mkdirSync(runDir, { recursive: true });
  let rows: Row[] = [];
  let peak = 0;
  let browser: BrowserTimings | undefined;
  try {
    const fixtures = await loadFixtures(database);
    const all = selectedScenarios(fixtures);
    const captureFile = path.join(runDir, 'sql.jsonl');
    writeFileSync(captureFile, '');
    const capture = await capturePass(
      await startServer(
        url,
        path.join(runDir, 'capture-server.log'),
        { BENCH_CAPTURE_FILE: captureFile },
        sourceCaptureArgs,
        sourceEntry,
      ),
      captureFile,
      { fixtures, database },
      all,
      opts.connections,
    );
    const server = opts.hosts
      ? await startHosts(url, runDir, opts.hosts)
      : await startServer(url, path.join(runDir, 'server.log'), {}, cpuProfArgs(), undefined, opts.workers);
    try {
      rows = await loadPass(server, { fixtures, database }, all, capture, floorTarget);
      peak = total(server, peakRssMb);
      browser = await browserPass(server, fixtures);
    } finally {
      await server.stop();
    }
  } finally {
    await floorTarget.end();
    await database.query(`DELETE FROM sessions WHERE user_agent = 'helpdesk-bench'`).catch(() => {});
    await database.close();
  }

  // The report
  const pgVersion = await (async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const v = await c.query<{ v: string; sb: string }>(
        `SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb`,
      );
      return `PostgreSQL ${v.rows[0]?.v} (shared_buffers ${v.rows[0]?.sb})`;
    } finally {
      await c.end();
    }
  })();
  const text = [
    `# Benchmark ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${opts.tickets.toLocaleString('en-US')} tickets`,
    '',
    `- Machine: ${machineLine(pgVersion)}`,
    `- PostgreSQL: ${cluster ? `the bench's own cluster (\`${flags['pg-dir']}\`, ${cluster.settings}, as docs/OPERATIONS.md §9 advises; ${flags['pg-socket'] ? 'reached through its Unix socket' : 'reached over TCP on 127.0.0.1'}), every table and index read into shared_buffers before the load` : `the server at --postgres-url, as configured there`}`,
    dataLine(`database \`${name}\``, seedSeconds),
    loadLine(),
    `- Floor: the SQL the endpoint ran for one request (captured from node-postgres), replayed with \`pg\` by ${opts.connections} clients for ${opts.floorDuration} s; each transaction of a write, and each of its statements outside one, inside a transaction that is rolled back, each client replaying its own sample request (another user, another ticket)`,
    ...(opts.hosts
      ? [
          `- Hosts: ${opts.hosts} server${opts.hosts > 1 ? 's' : ''} behind Caddy (deploy/Caddyfile.two-hosts, round robin) on one machine; server CPU and RSS are the servers' sums (Caddy's own CPU is not counted)`,
        ]
      : []),
    `- Server peak RSS: ${peak} MB; whole run ${Math.round((performance.now() - t0) / 1000)} s`,
    loadAverageLine(startLoad),
    '',
    table(rows),
    '',
    ...browserSection(browser),
    growth(rows),
    appendix(rows),
  ].join('\n');
  const hosts = opts.hosts ? `-${opts.hosts}-hosts` : opts.workers > 1 ? `-${opts.workers}-workers` : '';
  const report = saveReport({
    startedAt,
    name: `${opts.tickets}-tickets${hosts}`,
    text,
    rows,
    runDir,
    extra: browser ? { browser } : undefined,
  });
  smallestRun ??= { tickets: opts.tickets, rows, report };
}

/** `--hosts N`: N servers, each with its own data and upload directories, behind Caddy; measured as one. */
async function startHosts(url: string, runDir: string, n: number): Promise<Server> {
  if (!hasCaddy()) throw new Error('--hosts needs caddy on PATH (apt-get install caddy)');
  const servers: Server[] = [];
  try {
    for (let i = 1; i <= n; i++) {
      const dir = path.join(runDir, `host-${i}`);
      const env = { DATA_DIR: path.join(dir, 'data'), UPLOAD_DIR: path.join(dir, 'uploads'), TRUST_PROXY: '127.0.0.1' };
      servers.push(await startServer(url, path.join(runDir, `server-${i}.log`), env, cpuProfArgs()));
    }
    const upstreams = servers.map((s) => `127.0.0.1:${s.port}`);
    const proxy = await startProxy(repoDir, path.join(runDir, 'caddy'), await freePort(), upstreams);
    return {
      pid: servers[0]?.pid ?? 0,
      pids: servers.map((s) => s.pid),
      port: Number(new URL(proxy.base).port),
      base: proxy.base,
      startMs: Math.max(...servers.map((s) => s.startMs)),
      stop: async () => {
        await proxy.stop();
        await Promise.all(servers.map((s) => s.stop()));
      },
    };
  } catch (err) {
    await Promise.all(servers.map((s) => s.stop()));
    throw err;
  }
}

function machineLine(database: string): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}, ${database}`;
}

function dataLine(where: string, seedSeconds: number | null): string {
  const sizes = deriveSizes({ tickets: opts.tickets });
  return `- Data: ${where}, seed ${opts.seed}: ${opts.tickets.toLocaleString('en-US')} tickets, about ${(opts.tickets * 5).toLocaleString('en-US')} messages, ${sizes.customers.toLocaleString('en-US')} customers, ${sizes.agents} agents in ${sizes.departments} departments${seedSeconds === null ? ' (reused)' : ` (seeded in ${seedSeconds} s)`}`;
}

function loadLine(): string {
  return `- Load: autocannon, ${opts.connections} connections, ${opts.duration} s per scenario after a 1 s warm-up, loopback; ${flags.gzip ? 'gzip' : 'no compression'}; server \`${[...lastServerEnv, 'node', ...lastServerArgs, 'backend/dist/index.js'].join(' ')}\`, NODE_ENV=production, JOBS_ENABLED=false, LOG_LEVEL=${flags['log-level']} (JSON to a file)${flags.pool ? `, a pool of ${flags.pool} PostgreSQL connections` : ''}${opts.workers > 1 ? `; ${opts.workers} workers of node:cluster on one port, as PM2's cluster mode runs it (bench/workers.mjs; CPU and RSS are the sums over the primary and the workers)` : ''}`;
}

function loadAverageLine(startLoad: number): string {
  const cores = os.cpus().length;
  return `- Load average (1 min) at the start: ${startLoad.toFixed(1)} on ${cores} cores${startLoad > cores / 2 ? ' — the machine was busy with other work; latencies and rates are pessimistic' : ''}`;
}

/** Prints the report and saves it as bench/results/<date>-<name>.md, with its figures in a .json beside it. */
/** Prints and writes the report; returns its path (relative to the repository). */
function saveReport(r: {
  startedAt: Date;
  name: string;
  text: string;
  rows: Row[];
  runDir: string;
  extra?: object;
}): string {
  console.log(`\n${r.text}`);
  const resultsDir = path.join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  // A partial run (--only) never replaces the full table the README quotes.
  const suffix = opts.only ? '-partial' : '';
  const label = flags.label ? `-${flags.label.replace(/[^\w.-]+/g, '-')}` : '';
  const file = path.join(resultsDir, `${r.startedAt.toISOString().slice(0, 10)}-${r.name}${label}${suffix}.md`);
  writeFileSync(file, r.text);
  const summary: Record<string, { p50: number; p95: number; p99: number; rps: number }> = {};
  for (const row of r.rows) if (row.api) summary[row.scenario.name] = row.api;
  writeFileSync(
    file.replace(/\.md$/, '.json'),
    `${JSON.stringify({ tickets: opts.tickets, at: r.startedAt, summary, ...r.extra }, null, 2)}\n`,
  );
  log(`written to ${path.relative(repoDir, file)}`);
  if (r.rows.some((row) => (row.api?.errors ?? 0) > 0)) {
    log(`some requests failed: the server logs are in ${r.runDir}`);
  } else {
    rmSync(r.runDir, { recursive: true, force: true });
  }
  return path.relative(repoDir, file);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
