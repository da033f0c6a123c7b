import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsxArgs = ['--conditions=source', '--import', 'tsx'];

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `helpdesk <args>` from source as a child process, the way an operator runs it. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  input?: string,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...tsxArgs, 'backend/src/cli.ts', ...args], {
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
