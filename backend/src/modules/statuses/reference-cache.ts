import { sql } from 'drizzle-orm';
import { type Database, type DbOrTx, queryRows } from '../../db/client.js';
import { type Fresh, snapshotCache } from '../../db/snapshot-cache.js';

export interface StatusRef {
  id: string;
  name: string;
  color: string;
  sortOrder: number;
  isClosed: boolean;
  isDefault: boolean;
  /** The SLA clock stops while a ticket is in this status (docs/sla.md). */
  pausesSla: boolean;
}

export interface PriorityRef {
  id: string;
  name: string;
  color: string;
  level: number;
  isDefault: boolean;
}

/** Every status (by sort order) and priority (most urgent first): a handful of rows read by most requests. */
export interface ReferenceData {
  statuses: StatusRef[];
  priorities: PriorityRef[];
}

async function load(db: DbOrTx): Promise<ReferenceData> {
  // One after the other: a transaction runs one statement at a time.
  const statuses = await queryRows<StatusRef>(
    db,
    sql`SELECT id, name, color, sort_order AS "sortOrder", is_closed AS "isClosed", is_default AS "isDefault",
        pauses_sla AS "pausesSla"
      FROM ticket_statuses ORDER BY sort_order, name, id`,
  );
  const priorities = await queryRows<PriorityRef>(
    db,
    sql`SELECT id, name, color, level, is_default AS "isDefault" FROM ticket_priorities ORDER BY level DESC, name, id`,
  );
  return { statuses, priorities };
}

/**
 * Statuses and priorities, from memory while the change feed is live (dropped on every committed
 * change to either table, by any process), else read with `db`: inside a transaction pass it, as
 * PGlite runs nothing else until the transaction ends.
 */
export const referenceData: (database: Database, db?: DbOrTx, fresh?: Fresh<ReferenceData>) => Promise<ReferenceData> =
  snapshotCache('reference', 'reference', load);

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A status by id, or the default one. */
export function findStatus(refs: ReferenceData, id: string | 'default'): StatusRef | undefined {
  return refs.statuses.find((s) => (id === 'default' ? s.isDefault : sameId(s.id, id)));
}

/** Ids of the open (or closed) statuses; the dashboard groups by them as constants so its index applies. */
export function statusIdsByClosed(refs: ReferenceData, closed: boolean): string[] {
  return refs.statuses.filter((s) => s.isClosed === closed).map((s) => s.id);
}

/** The status a ticket goes back to when it is reopened: the default one, else the first open one. */
export function findReopenStatus(refs: ReferenceData): StatusRef | undefined {
  const open = refs.statuses.filter((s) => !s.isClosed);
  return open.find((s) => s.isDefault) ?? open[0];
}

/** A priority by id, or the default one. */
export function findPriority(refs: ReferenceData, id: string | 'default'): PriorityRef | undefined {
  return refs.priorities.find((p) => (id === 'default' ? p.isDefault : sameId(p.id, id)));
}

/** Priority ids grouped by level, highest level first. */
export function priorityLevels(refs: ReferenceData): { level: number; ids: string[] }[] {
  const levels = new Map<number, string[]>();
  for (const p of refs.priorities) levels.set(p.level, [...(levels.get(p.level) ?? []), p.id]);
  return [...levels.entries()].sort((a, b) => b[0] - a[0]).map(([level, ids]) => ({ level, ids: ids.sort() }));
}
