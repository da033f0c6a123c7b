import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Whether a build's output is current: the bench (which rebuilds what is stale) and the tests
 * (which run the built CLI when it is current) ask it; the server never does.
 */

/** The newest modification time of the files under `dir` that a build reads (tests are not), 0 when none. */
export function newestSourceTime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) {
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** True when `output` exists and is at least as new as every source file under `sourceDirs`. */
export function isBuildCurrent(output: string, sourceDirs: readonly string[]): boolean {
  return existsSync(output) && statSync(output).mtimeMs >= Math.max(...sourceDirs.map(newestSourceTime));
}
