/** Turns whatever `GET /api/dashboard` returns into stat cards and chart series. */
export interface Stat {
  key: string;
  label: string;
  value: string;
}
export interface Slice {
  name: string;
  count: number;
  color?: string;
}
export interface DayPoint {
  date: string;
  created: number;
  closed: number;
}
export interface DashboardModel {
  stats: Stat[];
  byStatus: Slice[];
  byPriority: Slice[];
  byDepartment: Slice[];
  perDay: DayPoint[];
}

function humanize(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v) || 0;
}

function slices(v: unknown): Slice[] {
  if (!Array.isArray(v)) return [];
  return v.map((row: Record<string, unknown>) => {
    const ref = (row.item ?? row.status ?? row.priority ?? row.department) as Record<string, unknown> | undefined;
    return {
      name: String(row.name ?? ref?.name ?? row.label ?? '—'),
      count: num(row.count ?? row.open ?? row.value),
      color: typeof (row.color ?? ref?.color) === 'string' ? String(row.color ?? ref?.color) : undefined,
    };
  });
}

export function toModel(data: Record<string, unknown>): DashboardModel {
  const find = (re: RegExp) => Object.entries(data).find(([k, v]) => re.test(k) && Array.isArray(v))?.[1];
  const stats: Stat[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'number' || value === null) {
      const isDuration = /seconds|time|minutes|hours/i.test(key);
      const seconds = /minutes/i.test(key) ? num(value) * 60 : /hours/i.test(key) ? num(value) * 3600 : num(value);
      stats.push({
        key,
        label: humanize(key.replace(/(Seconds|Minutes|Hours|Ms)$/, '')),
        value: value === null ? '—' : isDuration ? formatDuration(seconds) : value.toLocaleString(),
      });
    }
  }
  const dayRows = find(/day|daily|createdVsClosed|trend|series/i);
  const perDay: DayPoint[] = Array.isArray(dayRows)
    ? dayRows.map((r: Record<string, unknown>) => ({
        date: String(r.date ?? r.day ?? '').slice(5, 10),
        created: num(r.created),
        closed: num(r.closed),
      }))
    : [];
  return {
    stats,
    byStatus: slices(find(/status/i)),
    byPriority: slices(find(/priorit/i)),
    byDepartment: slices(find(/department/i)),
    perDay,
  };
}
