import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { backendDir } from '../config.js';
import { openPglite } from './client.js';
import { applySchemaMigrations, migrationsFolder } from './migrate.js';

/**
 * A new embedded database made once at build time (`npm run build -w backend`): initdb and every
 * migration already run. A first start copies it instead of running initdb in WASM, which took
 * seconds on two cores and left ~500 MB of a second PGlite instance to the garbage collector
 * (docs/decisions/006-embedded-database.md). The reference data is not in it: each helpdesk
 * creates its own rows (and ids) on its first start, as before.
 */

/** The PGlite release installed: a template made by another one may not be readable by it. */
function pgliteVersion(): string {
  // Resolves to …/@electric-sql/pglite/dist/index.cjs; the package does not export its package.json.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Where the build puts the template: a data directory named after the PGlite release that made it. */
export function embeddedTemplateDir(): string {
  return path.join(backendDir, 'dist', `embedded-template-pglite-${pgliteVersion()}`);
}

/** Creates a database in `dir` (replacing what is there) with the migrations of `folder`. */
export async function buildEmbeddedTemplate(dir: string, folder = migrationsFolder): Promise<void> {
  // Built beside its final place, then renamed: never half a template under the final name.
  const scratch = mkdtempSync(`${dir}.partial-`);
  try {
    const database = await openPglite({ dataDir: scratch });
    try {
      await applySchemaMigrations(database, folder);
    } finally {
      await database.close();
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(scratch, dir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Copies the template into `dataDir` when it holds no database yet (no PG_VERSION) and a template
 * for the installed PGlite exists; returns whether it did. Otherwise PGlite creates the database
 * itself (initdb), as when running from source without a build.
 */
export function copyEmbeddedTemplate(dataDir: string, template = embeddedTemplateDir()): boolean {
  const version = path.join(template, 'PG_VERSION');
  if (existsSync(path.join(dataDir, 'PG_VERSION')) || !existsSync(version)) return false;
  // PG_VERSION last: a start that dies while copying leaves none, and the next one copies again.
  cpSync(template, dataDir, { recursive: true, filter: (source) => source !== version });
  copyFileSync(version, path.join(dataDir, 'PG_VERSION'));
  return true;
}
