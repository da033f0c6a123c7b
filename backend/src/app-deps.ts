import type { Config } from './config.js';
import type { Database } from './db/client.js';

/** What every module is built from; tests pass their own. */
export interface AppDeps {
  config: Config;
  database: Database;
  /** The clock of rules that depend on elapsed days (satisfaction ratings); tests pass their own. */
  now?: () => Date;
}
