import { type Config, ConfigError, loadConfig, loadDotenv } from './config.js';

/** The embedded database with its memory bound (EMBEDDED_HEAP_MB=0 turns the bound off). */
const keptSmall = (config: Config) => !config.databaseUrl && config.embeddedHeapMb !== 0;

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
  if (!keptSmall(config)) return [];
  if (/--max-old-space-size|--max-semi-space-size/.test(nodeOptions)) return [];
  return [`--max-old-space-size=${config.embeddedHeapMb}`, '--max-semi-space-size=4'];
}

/**
 * Environment for the server process on the embedded database: at most two malloc arenas. glibc
 * gives each thread that allocates its own arena (up to 8 per core), and V8's compiler threads
 * leave the WASM compilation's freed memory in theirs: 20–30 MB of an idle server's RSS
 * (docs/decisions/024-server-start.md). Set MALLOC_ARENA_MAX yourself and this adds nothing.
 */
export function serverEnv(config: Config, env: NodeJS.ProcessEnv = {}): Record<string, string> {
  if (!keptSmall(config) || env.MALLOC_ARENA_MAX) return {};
  return { MALLOC_ARENA_MAX: '2' };
}

/** The configuration as the server will read it (`.env` included); undefined when it is invalid. */
function configFor(env: NodeJS.ProcessEnv): { config: Config; env: NodeJS.ProcessEnv } | undefined {
  const copy = { ...env };
  loadDotenv(copy);
  try {
    return { config: loadConfig(copy), env: copy };
  } catch (err) {
    if (err instanceof ConfigError) return undefined;
    throw err;
  }
}

/**
 * serverNodeArgs for an environment as the server will read it (`.env` included). An invalid
 * configuration gives none: the server then starts and names the bad setting itself.
 */
export function serverNodeArgsFor(env: NodeJS.ProcessEnv): string[] {
  const found = configFor(env);
  return found ? serverNodeArgs(found.config, found.env.NODE_OPTIONS) : [];
}

/** serverEnv for an environment as the server will read it; nothing for an invalid one. */
export function serverEnvFor(env: NodeJS.ProcessEnv): Record<string, string> {
  const found = configFor(env);
  return found ? serverEnv(found.config, found.env) : {};
}
