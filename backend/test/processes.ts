import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuildCurrent } from '../src/lib/build-freshness.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsxArgs = ['--conditions=source', '--import', 'tsx'];
const builtCli = path.join(repoRoot, 'backend/dist/cli.js');
const cliSources = ['backend/src', 'backend/drizzle', 'contract/src'].map((d) => path.join(repoRoot, d));

let cliArgs: string[] | undefined;

/**
 * How to run `helpdesk`: the build (backend/dist/cli.js, as operators run it) when it is current
 * (lib/build-freshness.ts), else the source through tsx. Compiling the source in each
 * child cost ~1.3 s and ~2 s of CPU per command, and the suite runs about a hundred and fifty of
 * them; CI builds before it tests, so there the build is always current.
 */
export function helpdeskCommand(): string[] {
  cliArgs ??= isBuildCurrent(builtCli, cliSources)
    ? [builtCli]
    : [...tsxArgs, path.join(repoRoot, 'backend/src/cli.ts')];
  return cliArgs;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `helpdesk <args>` as a child process, the way an operator runs it (helpdeskCommand). */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  input?: string,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...helpdeskCommand(), ...args], {
      cwd: repoRoot,
      env: { ...baseEnv(), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** The parent's environment without anything that would point a child at another database. */
function baseEnv(): Record<string, string | undefined> {
  const { DATABASE_URL: _db, TEST_DATABASE_URL: _tdb, NODE_OPTIONS: _no, ...rest } = process.env;
  return { ...rest, LOG_FORMAT: 'pretty', NODE_ENV: 'test' };
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** The built server, as `npm run build` leaves it and operators run it. */
export const builtServer = path.join(repoRoot, 'backend/dist/index.js');

/**
 * Starts the real server and waits until it listens on a free port: src/index.ts, or with
 * `built` the build (backend/dist/index.js, run with plain node as in production).
 */
export function startServer(
  env: Record<string, string | undefined>,
  opts: { built?: boolean } = {},
): Promise<ServerProcess> {
  const args = opts.built ? [builtServer] : [...tsxArgs, 'backend/src/index.ts'];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...baseEnv(), BACKEND_PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1], output: () => out, exited });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${out}`)));
  });
}
