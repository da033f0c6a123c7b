import { type Config, ConfigError, loadConfig, loadDotenv } from '../config.js';
import type { Database } from '../db/client.js';
import { DataDirInUseError } from '../db/data-dir-lock.js';
import { runMigrations } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';

/** A failure the CLI reports as one line and exit code 1 (no stack trace). */
export class CliError extends Error {}

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

/**
 * Opens the configured database for one command, optionally migrating it first, and always
 * closes it afterwards.
 */
export async function withDatabase<T>(
  config: Config,
  fn: (database: Database) => Promise<T>,
  opts: { migrate?: boolean } = {},
): Promise<T> {
  let database: Database;
  try {
    database = await openDatabase(config);
    await database.query('SELECT 1');
  } catch (err) {
    if (err instanceof DataDirInUseError) throw new CliError(err.message);
    throw new CliError(`Cannot connect to the database (${describeDatabase(config)}): ${(err as Error).message}`);
  }
  try {
    if (opts.migrate) await runMigrations(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}
