import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrationsFolder } from '../src/db/migrate.js';

/** How many migrations the repository has. */
export function migrationCount(): number {
  return journalOf(migrationsFolder).entries.length;
}

/** A copy of the migrations without the newest one: what an earlier version shipped. */
export function olderMigrationsFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journal = journalOf(dir);
  journal.entries.pop();
  writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  return dir;
}

function journalOf(folder: string): { entries: unknown[] } {
  return JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
}
