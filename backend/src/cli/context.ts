import { type Config, ConfigError, loadConfig, loadDotenv } from '../config.js';
import type { Database } from '../db/client.js';
import { DataDirInUseError } from '../db/data-dir-lock.js';
import { runMigrations } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { CliError } from './cli-error.js';
import { runningServer, type ServerStatus } from './control-channel.js';

/** Reads .env and the environment once for a command. */
export function cliConfig(): Config {
  loadDotenv();
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
}

/** Describes where the database is without its password, for messages. */
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `embedded database in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/** What to do instead while the server has the embedded database open; says how by default. */
type WhileServerRuns = (server: ServerStatus) => string;

const stopTheServer: WhileServerRuns = () =>
  'Stop the server, run this command, then start the server again (with PostgreSQL, DATABASE_URL, commands run beside the server)';

/**
 * The message for an embedded database that another process holds: when it is the running
 * server, who it is and what to do instead; otherwise the lock's own message.
 */
export async function dataDirInUse(
  config: Config,
  err: DataDirInUseError,
  whileServerRuns: WhileServerRuns = stopTheServer,
): Promise<CliError> {
  const server = await runningServer(config.dataDir).catch(() => undefined);
  if (!server) return new CliError(err.message);
  return new CliError(
    `The running server (process ${server.pid}, ${server.url}) has the embedded database in ${config.dataDir} open, ` +
      `and it serves one process only. ${whileServerRuns(server)}.`,
  );
}

/**
 * Opens the configured database for one command, optionally migrating it first, and always
 * closes it afterwards.
 */
export async function withDatabase<T>(
  config: Config,
  fn: (database: Database) => Promise<T>,
  opts: { migrate?: boolean; whileServerRuns?: WhileServerRuns } = {},
): Promise<T> {
  let database: Database;
  try {
    database = await openDatabase(config);
    await database.query('SELECT 1');
  } catch (err) {
    if (err instanceof DataDirInUseError) throw await dataDirInUse(config, err, opts.whileServerRuns);
    throw new CliError(`Cannot connect to the database (${describeDatabase(config)}): ${(err as Error).message}`);
  }
  try {
    if (opts.migrate) await runMigrations(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}
