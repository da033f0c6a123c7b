import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import type { SlaTermsJson } from '../../db/schema/sla.js';
import { snapshotCache } from '../../db/snapshot-cache.js';
import { ALWAYS_OPEN, type BusinessCalendar, type Holiday, type WeeklyInterval } from './business-time.js';

/**
 * Calendars and policies in memory (a handful of rows read by every ticket write), kept exact by
 * the change feed like statuses and priorities (docs/decisions/002): migration 0020's triggers
 * announce every change to the sla tables as `reference`.
 */

export interface CalendarRow extends BusinessCalendar {
  id: string;
  name: string;
  isDefault: boolean;
  departmentIds: string[];
}

export interface PolicyRow {
  id: string;
  name: string;
  departmentId: string | null;
  calendarId: string | null;
  warningPercent: number;
  targets: {
    priorityId: string;
    firstResponseMinutes: number | null;
    nextResponseMinutes: number | null;
    resolutionMinutes: number | null;
  }[];
}

export interface SlaConfig {
  calendars: CalendarRow[];
  policies: PolicyRow[];
}

async function load(db: DbOrTx): Promise<SlaConfig> {
  const calendars = await queryRows<{
    id: string;
    name: string;
    timeZone: string;
    isDefault: boolean;
    hours: WeeklyInterval[] | string;
    holidays: Holiday[] | string;
    departmentIds: string[] | null;
  }>(
    db,
    sql`SELECT c.id, c.name, c.time_zone AS "timeZone", c.is_default AS "isDefault", c.hours, c.holidays,
        (SELECT array_agg(dc.department_id ORDER BY dc.department_id) FROM sla_department_calendars dc
          WHERE dc.calendar_id = c.id) AS "departmentIds"
      FROM sla_calendars c ORDER BY c.name, c.id`,
  );
  const policies = await queryRows<PolicyRow & { targets: PolicyRow['targets'] | string }>(
    db,
    sql`SELECT id, name, department_id AS "departmentId", calendar_id AS "calendarId",
        warning_percent AS "warningPercent", targets
      FROM sla_policies ORDER BY name, id`,
  );
  const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  return {
    calendars: calendars.map((c) => ({
      ...c,
      hours: json(c.hours),
      holidays: json(c.holidays),
      departmentIds: c.departmentIds ?? [],
    })),
    policies: policies.map((p) => ({ ...p, targets: json(p.targets) })),
  };
}

/** The calendars and policies, from memory while the change feed is live; in a transaction pass it. */
export const slaConfig = snapshotCache<SlaConfig>('reference', 'sla', load);

/** The terms a new clock starts with: the department's policy, else the general one; undefined: no SLA. */
export function termsFor(config: SlaConfig, departmentId: string, priorityId: string): SlaTermsJson | undefined {
  const policy =
    config.policies.find((p) => p.departmentId === departmentId) ?? config.policies.find((p) => !p.departmentId);
  const target = policy?.targets.find((t) => t.priorityId === priorityId);
  if (!policy || !target) return undefined;
  if (target.firstResponseMinutes === null && target.nextResponseMinutes === null && target.resolutionMinutes === null)
    return undefined;
  return {
    policyId: policy.id,
    policyName: policy.name,
    calendarId: policy.calendarId,
    warningPercent: policy.warningPercent,
    firstResponseMinutes: target.firstResponseMinutes,
    nextResponseMinutes: target.nextResponseMinutes,
    resolutionMinutes: target.resolutionMinutes,
  };
}

const ROUND_THE_CLOCK: CalendarRow = {
  id: '00000000-0000-0000-0000-000000000000',
  name: '24/7',
  timeZone: 'UTC',
  isDefault: false,
  departmentIds: [],
  ...ALWAYS_OPEN,
};

/** The policy's calendar, else the department's, else the default one, else 24/7 UTC. */
export function calendarFor(config: SlaConfig, calendarId: string | null, departmentId: string): CalendarRow {
  const byId = (id: string | null | undefined) => (id ? config.calendars.find((c) => c.id === id) : undefined);
  return (
    byId(calendarId) ??
    config.calendars.find((c) => c.departmentIds.includes(departmentId)) ??
    config.calendars.find((c) => c.isDefault) ??
    ROUND_THE_CLOCK
  );
}
