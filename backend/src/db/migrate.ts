import path from 'node:path';
import { systemRoleDescriptions, systemRoleNames, systemRolePermissions } from '@helpdesk/contract';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { backendDir } from '../config.js';
import type { Database } from './client.js';

export const migrationsFolder = path.join(backendDir, 'drizzle');

/** Advisory lock keys; one per kind of work that only one instance may do at a time. */
export const LOCK_MIGRATE = 40_001;

const defaultStatuses = [
  { name: 'Open', color: '#228be6', isClosed: false, isDefault: true },
  { name: 'In Progress', color: '#fab005', isClosed: false, isDefault: false },
  { name: 'Waiting on Customer', color: '#be4bdb', isClosed: false, isDefault: false },
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
};

/**
 * Applies pending migrations, then creates the reference data a new helpdesk needs.
 * Two instances starting together wait for each other on an advisory lock.
 * Returns the number of migrations applied.
 */
export async function runMigrations(database: Database): Promise<number> {
  const applied = await database.withAdvisoryLock(LOCK_MIGRATE, async () => {
    const before = await countApplied(database);
    if (database.kind === 'postgres') {
      await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder });
    } else {
      await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    }
    await seedReferenceData(database);
    // Tiny tables autovacuum never analyzes: without statistics the planner guesses hundreds of
    // rows and picks worse plans for every queue query that joins them (bench/README.md).
    await database.query('ANALYZE roles, departments, ticket_statuses, ticket_priorities');
    return (await countApplied(database)) - before;
  });
  return applied ?? 0;
}

async function countApplied(database: Database): Promise<number> {
  const exists = await database.query<{ ok: boolean }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok",
  );
  if (!exists[0]?.ok) return 0;
  const rows = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  return rows[0]?.n ?? 0;
}

/** Idempotent: roles always; statuses, priorities and a department only into empty tables. */
async function seedReferenceData(database: Database): Promise<void> {
  for (const name of systemRoleNames) {
    const perms = JSON.stringify(systemRolePermissions[name]);
    // SUPER_ADMIN always holds every permission, including ones added by later versions.
    const onConflict =
      name === 'SUPER_ADMIN'
        ? 'DO UPDATE SET permissions = EXCLUDED.permissions, is_system = true'
        : 'DO UPDATE SET is_system = true';
    await database.query(
      `INSERT INTO roles (name, description, permissions, is_system) VALUES ($1, $2, $3::jsonb, true)
       ON CONFLICT (name) ${onConflict}`,
      [name, systemRoleDescriptions[name], perms],
    );
  }
  if (await isEmpty(database, 'ticket_statuses')) {
    for (const [i, s] of defaultStatuses.entries()) {
      await database.query(
        'INSERT INTO ticket_statuses (name, color, sort_order, is_closed, is_default) VALUES ($1, $2, $3, $4, $5)',
        [s.name, s.color, (i + 1) * 10, s.isClosed, s.isDefault],
      );
    }
  }
  if (await isEmpty(database, 'ticket_priorities')) {
    for (const p of defaultPriorities) {
      await database.query('INSERT INTO ticket_priorities (name, level, color, is_default) VALUES ($1, $2, $3, $4)', [
        p.name,
        p.level,
        p.color,
        p.isDefault,
      ]);
    }
  }
  if (await isEmpty(database, 'departments')) {
    await database.query(
      "INSERT INTO departments (name, description) VALUES ('General Support', 'Questions of every kind')",
    );
  }
  for (const [key, value] of Object.entries(defaultSettings)) {
    await database.query('INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING', [
      key,
      JSON.stringify(value),
    ]);
  }
}

async function isEmpty(database: Database, table: string): Promise<boolean> {
  const rows = await database.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}) AS found`);
  return !rows[0]?.found;
}
