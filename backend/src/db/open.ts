import { mkdirSync } from 'node:fs';
import type { Config } from '../config.js';
import { type Database, openPglite, openPostgres } from './client.js';
import { lockDataDir } from './data-dir-lock.js';
import { copyEmbeddedTemplate } from './embedded-template.js';

/** Opens the database the config names: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export async function openDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) return openPostgres({ url: config.databaseUrl, poolSize: config.databasePoolSize });
  mkdirSync(config.dataDir, { recursive: true });
  const unlock = lockDataDir(config.dataDir);
  try {
    copyEmbeddedTemplate(config.dataDir);
    const database = await openPglite({ dataDir: config.dataDir, cacheMb: config.embeddedDbCacheMb });
    const close = database.close;
    database.close = async () => {
      await close();
      unlock();
    };
    return database;
  } catch (err) {
    unlock();
    throw err;
  }
}
