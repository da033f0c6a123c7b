import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';

export interface OpenGroupRow {
  statusId: string;
  priorityId: string;
  departmentId: string;
  unassigned: boolean;
  mine: boolean;
  n: number;
}

/** Open tickets in scope grouped by status, priority, department and assignment: one pass. */
export async function openTicketGroups(
  db: DbOrTx,
  scope: SQL,
  me: string,
  openStatusIds: string[],
): Promise<OpenGroupRow[]> {
  if (openStatusIds.length === 0) return [];
  // The open status ids as constants, so the planner reads only their ranges of idx_tickets_status
  // (status, department, priority, assignee).
  const ids = sql.join(
    openStatusIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return queryRows<OpenGroupRow>(
    db,
    sql`SELECT t.status_id AS "statusId", t.priority_id AS "priorityId", t.department_id AS "departmentId",
      t.assigned_to_id IS NULL AS unassigned, coalesce(t.assigned_to_id = ${me}::uuid, false) AS mine,
      count(*)::int AS n
    FROM tickets t
    WHERE t.status_id IN (${ids}) AND ${scope}
    GROUP BY 1, 2, 3, 4, 5`,
  );
}

/** Tickets created and closed per UTC day since `since` (index range scans on created_at / closed_at). */
export async function perDay(db: DbOrTx, scope: SQL, since: Date) {
  const iso = since.toISOString();
  const created = await queryRows<{ day: string; n: number }>(
    db,
    sql`SELECT to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n
    FROM tickets t WHERE t.created_at >= ${iso}::timestamptz AND ${scope} GROUP BY 1`,
  );
  const closed = await queryRows<{ day: string; n: number }>(
    db,
    sql`SELECT to_char(t.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n
    FROM tickets t WHERE t.closed_at >= ${iso}::timestamptz AND ${scope} GROUP BY 1`,
  );
  return { created, closed };
}

/** Median minutes to the first agent reply and to closing, over the window. */
export async function medians(db: DbOrTx, scope: SQL, since: Date) {
  const iso = since.toISOString();
  const [first] = await queryRows<{ m: number | null }>(
    db,
    sql`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_response_at - t.created_at) / 60)::float8 AS m
    FROM tickets t WHERE t.created_at >= ${iso}::timestamptz AND t.first_response_at IS NOT NULL AND ${scope}`,
  );
  const [resolution] = await queryRows<{ m: number | null }>(
    db,
    sql`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.closed_at - t.created_at) / 60)::float8 AS m
    FROM tickets t WHERE t.closed_at >= ${iso}::timestamptz AND ${scope}`,
  );
  return { firstResponse: first?.m ?? null, resolution: resolution?.m ?? null };
}
