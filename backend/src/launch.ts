import { type Config, ConfigError, loadConfig, loadDotenv } from './config.js';

/**
 * Node options for the server process that `npm start` (scripts/start.mjs) runs.
 *
 * On the embedded database the server is meant to stay small (≤ 300 MB under load, issue 22).
 * PGlite's own memory is bounded by its cache; what grew was V8's heap: a 32 MB young generation
 * and an old generation left to grow from ~30 to ~120 MB between full collections. A limit on
 * the old generation makes V8 collect sooner, and 4 MB semi-spaces halve the young one's share;
 * the request rates stayed the same (docs/decisions/006-embedded-database.md). On PostgreSQL
 * nothing is set: such installs are larger, and their launchers (PM2, systemd) run Node directly.
 *
 * Options already in NODE_OPTIONS win: then this adds nothing.
 */
export function serverNodeArgs(config: Config, nodeOptions = ''): string[] {
  if (config.databaseUrl || config.embeddedHeapMb === 0) return [];
  if (/--max-old-space-size|--max-semi-space-size/.test(nodeOptions)) return [];
  return [`--max-old-space-size=${config.embeddedHeapMb}`, '--max-semi-space-size=4'];
}

/**
 * serverNodeArgs for an environment as the server will read it (`.env` included). An invalid
 * configuration gives none: the server then starts and names the bad setting itself.
 */
export function serverNodeArgsFor(env: NodeJS.ProcessEnv): string[] {
  const copy = { ...env };
  loadDotenv(copy);
  let config: Config;
  try {
    config = loadConfig(copy);
  } catch (err) {
    if (err instanceof ConfigError) return [];
    throw err;
  }
  return serverNodeArgs(config, copy.NODE_OPTIONS);
}
