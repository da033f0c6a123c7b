import { chmodSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../lib/logger.js';
import type { BackupResult } from './backup.js';
import { CliError } from './cli-error.js';

/**
 * A local command channel between `helpdesk` and the running server, for the embedded database:
 * PGlite serves one process, so while the server runs, the command line asks the server to do
 * what needs the database (a backup) instead of opening it.
 *
 * It is a Unix socket that only the server's user can reach (a 0700 folder, a 0600 socket). The
 * folder sits beside DATA_DIR, not inside it: PGlite's dumpDataDir fails on a socket among
 * its files. One JSON line in, one JSON line out.
 */
export function controlSocketPath(dataDir: string): string {
  return path.join(`${dataDir}.control`, 'helpdesk.sock');
}

const requestSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('status') }),
  z.object({
    command: z.literal('backup'),
    outDir: z.string().refine((dir) => path.isAbsolute(dir), 'an absolute path'),
    keepLast: z.number().int().min(0).optional(),
    keepDays: z.number().int().min(0).optional(),
  }),
]);
type ControlRequest = z.infer<typeof requestSchema>;
type BackupRequest = Extract<ControlRequest, { command: 'backup' }>;

type Reply = { ok: true; data: unknown } | { ok: false; error: string };

/** What the running server says about itself. */
export interface ServerStatus {
  pid: number;
  /** Where it listens, such as http://127.0.0.1:4000. */
  url: string;
}

/** A request larger than this is not one of ours. */
const MAX_REQUEST_BYTES = 64 * 1024;

export interface ControlChannel {
  /** Stops accepting commands and waits for those in progress (a backup) to finish. */
  close(): Promise<void>;
}

/** Makes `dir` a folder of this user that nobody else can enter; refuses a link or someone else's folder. */
function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid())) {
    throw new Error(`${dir} is not a folder of this user`);
  }
  chmodSync(dir, 0o700);
}

/**
 * Opens the channel for the running server on the embedded database. Failing to open it (a
 * path too long for a socket, a folder of another user) costs only backups while running: the
 * server logs a warning and runs on.
 */
export async function openControlChannel(deps: {
  config: Config;
  database: Database;
  logger: Logger;
  url: string;
}): Promise<ControlChannel | undefined> {
  const { config, database, logger, url } = deps;
  const file = controlSocketPath(config.dataDir);
  const inProgress = new Set<Promise<unknown>>();
  // One backup at a time: two in the same second would pick the same file name.
  let backups: Promise<unknown> = Promise.resolve();

  const backup = (request: BackupRequest): Promise<BackupResult> => {
    const run = backups.then(async () => {
      // Loaded on first use, not at every start of the server.
      const { createBackup } = await import('./backup.js');
      const result = await createBackup(config, database, request.outDir, {
        keepLast: request.keepLast,
        keepDays: request.keepDays,
      });
      logger.info(`Backup written for the command line: ${result.file}`);
      return result;
    });
    backups = run.catch(() => {});
    return run;
  };

  const answer = async (line: string): Promise<Reply> => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return { ok: false, error: 'not a JSON request' };
    }
    const parsed = requestSchema.safeParse(json);
    if (!parsed.success) return { ok: false, error: `not a valid request: ${parsed.error.issues[0]?.message}` };
    const request = parsed.data;
    if (request.command === 'status') return { ok: true, data: { pid: process.pid, url } satisfies ServerStatus };
    try {
      return { ok: true, data: await backup(request) };
    } catch (err) {
      if (!(err instanceof CliError)) logger.error({ err }, 'Backup for the command line failed');
      return { ok: false, error: (err as Error).message };
    }
  };

  // Half-open: the command line ends its side after the request and still reads the reply.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    let received = '';
    let handled = false;
    const reply = (replying: Promise<Reply>) => {
      handled = true;
      socket.pause();
      const work = replying.then((r) => socket.end(`${JSON.stringify(r)}\n`));
      inProgress.add(work);
      work.finally(() => inProgress.delete(work));
    };
    socket.setEncoding('utf8');
    socket.on('error', () => {}); // the command line went away; nothing to tell it
    socket.on('data', (chunk: string) => {
      if (handled) return;
      received += chunk;
      const end = received.indexOf('\n');
      if (end !== -1) reply(answer(received.slice(0, end)));
      else if (received.length > MAX_REQUEST_BYTES) reply(Promise.resolve({ ok: false, error: 'request too long' }));
    });
    socket.on('end', () => {
      if (!handled) reply(Promise.resolve({ ok: false, error: 'no request line' }));
    });
  });

  try {
    privateFolder(path.dirname(file));
    rmSync(file, { force: true }); // left by a server that did not stop cleanly; we hold DATA_DIR's lock
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(file, () => {
        server.off('error', reject);
        resolve();
      });
    });
    chmodSync(file, 0o600);
  } catch (err) {
    server.close();
    logger.warn(
      `The command line cannot reach this server (${(err as Error).message}): stop it to run \`helpdesk backup\``,
    );
    return undefined;
  }

  return {
    async close() {
      server.close();
      await Promise.allSettled([...inProgress]);
      rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}

/** Sends one request; undefined when no server listens (no socket, or one left by a stopped server). */
async function send(dataDir: string, request: ControlRequest): Promise<unknown> {
  const file = controlSocketPath(dataDir);
  return new Promise((resolve, reject) => {
    let received = '';
    let connected = false;
    const socket = net.connect(file, () => {
      connected = true;
      socket.end(`${JSON.stringify(request)}\n`);
    });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (!connected && (err.code === 'ENOENT' || err.code === 'ECONNREFUSED')) resolve(undefined);
      else if (err.code === 'EACCES') {
        reject(new CliError(`Permission denied on ${file}: run helpdesk as the user the server runs as`));
      } else reject(new CliError(`Cannot reach the running server through ${file}: ${err.message}`));
    });
    socket.on('end', () => {
      let reply: Reply;
      try {
        reply = JSON.parse(received) as Reply;
      } catch {
        reject(new CliError('The running server stopped before it answered'));
        return;
      }
      if (reply.ok) resolve(reply.data);
      else reject(new CliError(reply.error));
    });
  });
}

/** The server running on the embedded database in `dataDir`, if one is. */
export async function runningServer(dataDir: string): Promise<ServerStatus | undefined> {
  return (await send(dataDir, { command: 'status' })) as ServerStatus | undefined;
}

/** Asks the server running on `dataDir` for a backup into `request.outDir`. */
export async function backupThroughServer(
  dataDir: string,
  request: Omit<BackupRequest, 'command'>,
): Promise<BackupResult> {
  const result = (await send(dataDir, { command: 'backup', ...request })) as BackupResult | undefined;
  if (!result) throw new CliError('The server stopped before it took the backup: run the command again');
  return result;
}
