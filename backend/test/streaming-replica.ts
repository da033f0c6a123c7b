import { execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './wait.js';

const run = promisify(execFile);

/** A hot standby of the test PostgreSQL, started by a test and stopped (by PID) at its end. */
export interface StreamingReplica {
  port: number;
  /** The URL of `database` on the replica. */
  url(database: string): string;
  /** Runs SQL on the replica (postgres database). */
  query<T = Record<string, unknown>>(text: string): Promise<T[]>;
  /** Stops replaying WAL (it keeps receiving it) until resume(). */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Fast shutdown of the replica's postmaster. */
  stop(): Promise<void>;
  /** stop() and remove its data directory. */
  destroy(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;
/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
  asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];

async function primaryFacts(primaryUrl: string) {
  const client = new pg.Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN
         ('server_version_num', 'wal_level', 'max_connections', 'max_worker_processes', 'max_wal_senders',
          'max_prepared_transactions', 'max_locks_per_transaction')`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  } finally {
    await client.end();
  }
}

/**
 * pg_basebackup of the PostgreSQL at `primaryUrl` (it must allow replication connections from
 * 127.0.0.1 and have wal_level replica) into a temporary directory, started as a hot standby
 * that streams from it, on a free loopback port.
 */
export async function startStreamingReplica(primaryUrl: string): Promise<StreamingReplica> {
  const facts = await primaryFacts(primaryUrl);
  if (facts.wal_level === 'minimal') throw new Error('the test PostgreSQL has wal_level=minimal: no replica possible');
  const bin = `/usr/lib/postgresql/${Math.floor(Number(facts.server_version_num) / 10_000)}/bin`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-replica-'));
  const data = path.join(dir, 'data');
  const pgUser = asRoot ? Number((await run('id', ['-u', 'postgres'])).stdout.trim()) : undefined;
  if (pgUser !== undefined) chownSync(dir, pgUser, pgUser);
  const u = new URL(primaryUrl);
  const conn = `host=${u.hostname} port=${u.port || 5432} user=${decodeURIComponent(u.username || 'postgres')}`;
  try {
    await run(
      ...asPostgres(`${bin}/pg_basebackup`, ['-d', conn, '-D', data, '-X', 'stream', '-R', '-c', 'fast', '-N']),
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (err as { stderr?: string }).stderr ?? String(err);
    throw new Error(
      `pg_basebackup failed (does pg_hba.conf allow "host replication all 127.0.0.1/32"?): ${stderr.trim()}`,
    );
  }
  const port = await freePort();
  // Debian keeps the configuration outside the data directory: the replica gets its own.
  const settings = [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${dir}'`,
    'hot_standby = on',
    'shared_buffers = 16MB',
    'fsync = off',
    'logging_collector = off',
    // A standby needs at least the primary's figures for these.
    ...[
      'max_connections',
      'max_worker_processes',
      'max_wal_senders',
      'max_prepared_transactions',
      'max_locks_per_transaction',
    ].map((name) => `${name} = ${facts[name]}`),
  ];
  const files: [string, string][] = [
    ['postgresql.conf', `${settings.join('\n')}\n`],
    ['pg_hba.conf', 'local all all trust\nhost all all 127.0.0.1/32 trust\n'],
    ['pg_ident.conf', ''],
  ];
  for (const [name, text] of files) {
    const file = path.join(data, name);
    writeFileSync(file, text);
    if (pgUser !== undefined) chownSync(file, pgUser, pgUser);
  }
  const [cmd, args] = asPostgres(`${bin}/postgres`, ['-D', data]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: false });
  let log = '';
  child.stderr?.on('data', (d) => {
    log += d;
  });
  const base = `postgresql://postgres@127.0.0.1:${port}`;
  const query = async <T>(text: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const [row] = await query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
      if (row?.standby) break;
    } catch {
      // Not accepting connections yet.
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`the replica did not start: ${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const postmasterPid = (): number | undefined => {
    const file = path.join(data, 'postmaster.pid');
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async () => {
    const pid = postmasterPid();
    if (pid === undefined || !alive(pid)) return;
    process.kill(pid, 'SIGINT');
    const until = Date.now() + 30_000;
    while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, 'SIGQUIT');
  };

  return {
    port,
    url: (database) => `${base}/${database}`,
    query,
    async pause() {
      await query('SELECT pg_wal_replay_pause()');
      for (let i = 0; i < 100; i++) {
        const [row] = await query<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state');
        if (row?.state === 'paused') return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('replay did not pause');
    },
    async resume() {
      await query('SELECT pg_wal_replay_resume()');
    },
    stop,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
