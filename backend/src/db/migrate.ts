import path from 'node:path';
import { systemRoleDescriptions, systemRoleNames, systemRolePermissions } from '@helpdesk/contract';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { backendDir } from '../config.js';
import type { Database } from './client.js';

export const migrationsFolder = path.join(backendDir, 'drizzle');

/** Advisory lock keys; one per kind of work that only one instance may do at a time. */
const LOCK_MIGRATE = 40_001;

const defaultStatuses = [
  { name: 'Open', color: '#228be6', isClosed: false, isDefault: true },
  { name: 'In Progress', color: '#fab005', isClosed: false, isDefault: false },
  { name: 'Waiting on Customer', color: '#be4bdb', isClosed: false, isDefault: false, pausesSla: true },
  { name: 'Resolved', color: '#40c057', isClosed: true, isDefault: false },
  { name: 'Closed', color: '#868e96', isClosed: true, isDefault: false },
];

const defaultPriorities = [
  { name: 'Low', level: 10, color: '#868e96', isDefault: false },
  { name: 'Normal', level: 20, color: '#228be6', isDefault: true },
  { name: 'High', level: 30, color: '#fd7e14', isDefault: false },
  { name: 'Urgent', level: 40, color: '#fa5252', isDefault: false },
];

/** Settings and their defaults; later features add theirs here. */
export const defaultSettings: Record<string, unknown> = {
  helpdeskName: 'HelpDesk Pro',
  selfSignup: true,
  requireTwoFactorForStaff: false,
  // null: every priority but the highest level (modules/tickets/customer-priorities.policy.ts).
  customerPriorityIds: null,
  defaultLocale: null,
  publicHelpCentre: false,
};

/**
 * Applies pending migrations, then creates the reference data a new helpdesk needs.
 * Two instances starting together wait for each other on an advisory lock.
 * Returns the number of migrations applied.
 *
 * A start that finds everything in place writes nothing: it was a third of the embedded
 * database's start-up (drizzle's migrator creating its schema again, the system roles rewritten
 * and so their change triggers compiled, ANALYZE), docs/decisions/006-embedded-database.md.
 */
export async function runMigrations(database: Database, folder = migrationsFolder): Promise<number> {
  const applied = await database.withAdvisoryLock(LOCK_MIGRATE, async () => {
    const before = await appliedMigrations(database);
    if (before.newest < newestMigration(folder)) await applySchemaMigrations(database, folder);
    const count = (await appliedMigrations(database)).count - before.count;
    if ((await seedReferenceData(database)) || count > 0) {
      // Tiny tables autovacuum never analyzes: without statistics the planner guesses hundreds of
      // rows and picks worse plans for every queue query that joins them (bench/README.md).
      await database.query('ANALYZE roles, departments, ticket_statuses, ticket_priorities');
    }
    return count;
  });
  return applied ?? 0;
}

/** Applies the migrations of `folder` that `database` lacks: the schema only, without reference data or lock. */
export async function applySchemaMigrations(database: Database, folder = migrationsFolder): Promise<void> {
  if (database.kind === 'postgres') {
    await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder: folder });
  } else {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  }
}

/** The `when` of the newest migration in `folder` (drizzle applies those newer than the newest applied). */
function newestMigration(folder: string): number {
  return Math.max(0, ...readMigrationFiles({ migrationsFolder: folder }).map((m) => m.folderMillis));
}

async function appliedMigrations(database: Database): Promise<{ count: number; newest: number }> {
  const exists = await database.query<{ ok: boolean }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok",
  );
  if (!exists[0]?.ok) return { count: 0, newest: 0 };
  const [row] = await database.query<{ n: number; newest: string | null }>(
    'SELECT count(*)::int AS n, max(created_at)::text AS newest FROM drizzle.__drizzle_migrations',
  );
  return { count: row?.n ?? 0, newest: Number(row?.newest ?? 0) };
}

/**
 * Writes what is missing or out of date, and returns whether it wrote: the system roles (SUPER_ADMIN
 * always holds every permission, including ones added by later versions); statuses, priorities and
 * a department into empty tables; settings without a value.
 */
async function seedReferenceData(database: Database): Promise<boolean> {
  let wrote = false;
  const roles = await database.query<{ name: string; permissions: unknown; is_system: boolean }>(
    'SELECT name, permissions, is_system FROM roles WHERE name = ANY($1)',
    [[...systemRoleNames]],
  );
  for (const name of systemRoleNames) {
    const perms = JSON.stringify(systemRolePermissions[name]);
    const row = roles.find((r) => r.name === name);
    if (row?.is_system && (name !== 'SUPER_ADMIN' || JSON.stringify(row.permissions) === perms)) continue;
    const onConflict =
      name === 'SUPER_ADMIN'
        ? 'DO UPDATE SET permissions = EXCLUDED.permissions, is_system = true'
        : 'DO UPDATE SET is_system = true';
    await database.query(
      `INSERT INTO roles (name, description, permissions, is_system) VALUES ($1, $2, $3::jsonb, true)
       ON CONFLICT (name) ${onConflict}`,
      [name, systemRoleDescriptions[name], perms],
    );
    wrote = true;
  }
  const [empty] = await database.query<{ statuses: boolean; priorities: boolean; departments: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM ticket_statuses) AS statuses, NOT EXISTS (SELECT 1 FROM ticket_priorities) AS priorities,
            NOT EXISTS (SELECT 1 FROM departments) AS departments`,
  );
  if (empty?.statuses) {
    for (const [i, s] of defaultStatuses.entries()) {
      // Waiting on Customer pauses the SLA clock (migration 0020 does the same for existing helpdesks).
      await database.query(
        `INSERT INTO ticket_statuses (name, color, sort_order, is_closed, is_default, pauses_sla)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [s.name, s.color, (i + 1) * 10, s.isClosed, s.isDefault, s.pausesSla === true],
      );
    }
    wrote = true;
  }
  if (empty?.priorities) {
    for (const p of defaultPriorities) {
      await database.query('INSERT INTO ticket_priorities (name, level, color, is_default) VALUES ($1, $2, $3, $4)', [
        p.name,
        p.level,
        p.color,
        p.isDefault,
      ]);
    }
    wrote = true;
  }
  if (empty?.departments) {
    await database.query(
      "INSERT INTO departments (name, description) VALUES ('General Support', 'Questions of every kind')",
    );
    wrote = true;
  }
  const settingKeys = Object.keys(defaultSettings);
  const present = await database.query<{ key: string }>('SELECT key FROM settings WHERE key = ANY($1)', [settingKeys]);
  for (const key of settingKeys.filter((k) => !present.some((p) => p.key === k))) {
    await database.query('INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING', [
      key,
      JSON.stringify(defaultSettings[key]),
    ]);
    wrote = true;
  }
  return wrote;
}
