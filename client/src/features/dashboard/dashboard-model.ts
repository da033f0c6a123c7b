import type { Dashboard } from '@helpdesk/contract';
import { formatNumber, shortDay } from '../../lib/time';

/** One bar of a chart. */
export interface Slice {
  name: string;
  count: number;
  color?: string;
}

/**
 * A median wait in minutes, in the language's own units: "45 min", "1.5 hr", "2 days" ("45 Min.",
 * "1,5 Std.", "2 Tage"); a dash while there is none.
 */
export function formatMinutes(minutes: number | null, locale?: string): string {
  if (minutes === null) return '—';
  const seconds = minutes * 60;
  const unit = (value: number, name: string, digits = 0) =>
    formatNumber(value, locale, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: digits });
  if (seconds < 60) return unit(Math.round(seconds), 'second');
  if (seconds < 3600) return unit(Math.round(seconds / 60), 'minute');
  if (seconds < 86400) return unit(seconds / 3600, 'hour', 1);
  return unit(seconds / 86400, 'day', 1);
}

/** Open tickets by status, priority or department, as chart bars. */
export const slices = (rows: Dashboard['openByStatus' | 'openByPriority' | 'openByDepartment']): Slice[] =>
  rows.map(({ item, count }) => ({ name: item.name, count, color: 'color' in item ? item.color : undefined }));

/** The last 30 days, labelled by day in the language shown ("Nov 26", "26. Nov."). */
export const perDay = (days: Dashboard['perDay'], locale?: string) =>
  days.map((d) => ({ date: shortDay(d.date, locale), created: d.created, closed: d.closed }));

/** Whether anything was created or closed in those days (else the chart says what will appear). */
export const anyActivity = (days: Dashboard['perDay']) => days.some((d) => d.created > 0 || d.closed > 0);
