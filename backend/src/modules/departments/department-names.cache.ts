import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { snapshotCache } from '../../db/snapshot-cache.js';

/**
 * Every department's name by id, in memory, for the queue's rows (the queue statement reads the
 * ids only: docs/decisions/001-ticket-queries.md). Dropped on every committed insert, rename or
 * delete of a department, by any process (the trigger of migration 0031); not by the round-robin
 * turn every auto-assigned ticket writes. A helpdesk has tens of departments.
 */
export const departmentNames = snapshotCache<ReadonlyMap<string, string>>(
  'departments',
  'department_names',
  async (db) => {
    const rows = await queryRows<{ id: string; name: string }>(db, sql`SELECT id, name FROM departments`);
    return new Map(rows.map((d) => [d.id, d.name]));
  },
);
