import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataDirInUseError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database may be opened by one process only: a second one (PM2 cluster mode
 * without DATABASE_URL, or a CLI command while the server runs) would corrupt it.
 * Returns a function that releases the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'helpdesk.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DataDirInUseError(
          `The embedded database in ${dataDir} is in use by process ${owner}. It serves one process only: ` +
            'stop that process, or set DATABASE_URL to PostgreSQL to run several (PM2 cluster mode needs PostgreSQL).',
        );
      }
      rmSync(file, { force: true }); // left behind by a process that died
    }
  }
  throw new DataDirInUseError(`Could not lock ${file}`);
}
