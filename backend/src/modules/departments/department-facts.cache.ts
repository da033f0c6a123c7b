import { sql } from 'drizzle-orm';
import { type Database, type DbOrTx, queryRows } from '../../db/client.js';
import { lacksAny, snapshotCache } from '../../db/snapshot-cache.js';

/** What the queue's rows and filing a ticket need to know of a department. */
export interface DepartmentFacts {
  id: string;
  name: string;
  isActive: boolean;
  autoAssign: boolean;
}

/**
 * Every department's name, whether it is active and whether it assigns round-robin, by id, in
 * memory: the queue statement reads department ids only (docs/decisions/001-ticket-queries.md),
 * and filing a ticket reads no department row. Dropped on every committed insert, delete or change
 * of these columns, by any process (the trigger of migration 0035); not by the round-robin turn
 * every auto-assigned ticket writes. A helpdesk has tens of departments.
 */
export const departmentFacts = snapshotCache<ReadonlyMap<string, DepartmentFacts>>(
  'departments',
  'departments',
  async (db) => {
    const rows = await queryRows<DepartmentFacts>(
      db,
      sql`SELECT id, name, is_active AS "isActive", auto_assign AS "autoAssign" FROM departments`,
    );
    return new Map(rows.map((d) => [d.id, d]));
  },
);

/**
 * The snapshot, read again once when it lacks one of `ids` (a department added a moment ago by
 * another process, its change notice not here yet). Inside a transaction pass it as `db`.
 */
export async function departmentFactsFor(
  database: Database,
  ids: readonly string[],
  db: DbOrTx = database.db,
): Promise<ReadonlyMap<string, DepartmentFacts>> {
  return departmentFacts(database, db, (known) => lacksAny(known, ids));
}
