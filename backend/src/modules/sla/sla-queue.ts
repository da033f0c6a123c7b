import type { SlaState } from '@helpdesk/contract';
import { type SQL, sql } from 'drizzle-orm';

/**
 * The queue's SLA filter over `ts` (ticket_sla, joined to `t` by the queue) at `now`. Running
 * clocks are the rows with due_at set (idx_ticket_sla_due); the states match slaSummary's.
 */
export function slaStateFilterSql(state: SlaState, now: Date): SQL {
  // `now` behind a sub-select: PostgreSQL plans for no particular time, so the queue's named
  // statement keeps one generic plan instead of being planned again for every request's now.
  const at = sql`(SELECT ${now.toISOString()}::timestamptz)`;
  switch (state) {
    case 'breached':
      return sql`ts.due_at IS NOT NULL AND ts.due_at <= ${at}`;
    case 'warning':
      return sql`ts.due_at IS NOT NULL AND ts.due_at > ${at} AND ts.warn_at <= ${at}`;
    case 'ok':
      return sql`ts.due_at IS NOT NULL AND ts.due_at > ${at} AND ts.warn_at > ${at}`;
    case 'paused':
      return sql`ts.paused_at IS NOT NULL AND t.closed_at IS NULL`;
    case 'met':
      return sql`ts.due_at IS NULL AND ts.paused_at IS NULL AND t.closed_at IS NULL`;
  }
}
