/**
 * The bench's own PostgreSQL: a cluster in a scratch directory, configured the way
 * docs/OPERATIONS.md §9 tells operators to (shared_buffers a quarter of the machine's memory,
 * effective_cache_size half), started for one run and stopped after it. Debian's default server
 * keeps 128 MB of shared_buffers and leaves a million tickets to the page cache, which the kernel
 * of the VM we measure on evicts within seconds (bench/README.md, finding 8); `--postgres-url`
 * measures against such a server instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Cluster {
  /** postgresql:// URL of the cluster's `postgres` database. */
  url: string;
  /** The settings it runs with, for the report. */
  settings: string;
  stop(): void;
}

/** The newest installed PostgreSQL server's bin directory (Debian: /usr/lib/postgresql/<major>/bin). */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? path.join(root, majors[0], 'bin') : undefined;
}

/** Runs a PostgreSQL program as the `postgres` user when we are root (initdb and postgres refuse root). */
function runAsOwner(command: string, args: string[]): { status: number | null; output: string } {
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

function mustRun(command: string, args: string[]): void {
  const { status, output } = runAsOwner(command, args);
  if (status !== 0) throw new Error(`${path.basename(command)} failed (${status}): ${output.slice(-2000)}`);
}

/**
 * Creates the cluster in `dir` on first use, then starts it on 127.0.0.1:`port`. With `socket`
 * the URL reaches it through its Unix socket in `dir` instead of TCP (`--pg-socket`).
 */
export function startCluster(opts: {
  bin: string;
  dir: string;
  port: number;
  socket?: boolean;
  log: (line: string) => void;
}): Cluster {
  const { bin, dir, port, log } = opts;
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true });
    if (process.getuid?.() === 0) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
    mustRun(path.join(bin, 'initdb'), [
      '-D',
      dir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-instructions',
    ]);
    log(`✓ created the bench's PostgreSQL cluster in ${dir}`);
  }
  const pgCtl = path.join(bin, 'pg_ctl');
  // One left running by a run that was killed: stop it, so this run's settings apply.
  if (runAsOwner(pgCtl, ['-D', dir, 'status']).status === 0) mustRun(pgCtl, ['-D', dir, '-m', 'fast', '-w', 'stop']);
  const mb = Math.floor(os.totalmem() / 2 ** 20);
  const settings = { shared_buffers: `${Math.floor(mb / 4)}MB`, effective_cache_size: `${Math.floor(mb / 2)}MB` };
  const serverOptions = [
    `-c port=${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
  ].join(' ');
  mustRun(pgCtl, ['-D', dir, '-l', path.join(dir, 'server.log'), '-w', '-t', '120', '-o', serverOptions, 'start']);
  log(
    `✓ started the bench's PostgreSQL on 127.0.0.1:${port} (${Object.entries(settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')})`,
  );
  return {
    // node-postgres and libpq both take the socket's directory as the `host` parameter.
    url: opts.socket
      ? `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}`
      : `postgresql://postgres@127.0.0.1:${port}/postgres`,
    settings: Object.entries(settings)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    stop: () => mustRun(pgCtl, ['-D', dir, '-m', 'fast', '-w', 'stop']),
  };
}
