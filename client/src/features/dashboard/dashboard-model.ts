import type { Dashboard } from '@helpdesk/contract';

/** One bar of a chart. */
export interface Slice {
  name: string;
  count: number;
  color?: string;
}

/** A median wait in minutes as "45 min", "1.5 h", "2.0 d"; a dash while there is none. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  const seconds = minutes * 60;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

/** Open tickets by status, priority or department, as chart bars. */
export const slices = (rows: Dashboard['openByStatus' | 'openByPriority' | 'openByDepartment']): Slice[] =>
  rows.map(({ item, count }) => ({ name: item.name, count, color: 'color' in item ? item.color : undefined }));

/** The last 30 days, labelled `MM-DD`. */
export const perDay = (days: Dashboard['perDay']) =>
  days.map((d) => ({ date: d.date.slice(5, 10), created: d.created, closed: d.closed }));
