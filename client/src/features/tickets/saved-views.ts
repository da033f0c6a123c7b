import type { TicketStatus } from '@helpdesk/contract';
import type { TicketFilters } from './api/list-tickets';

export interface SavedView {
  id: string;
  name: string;
  filters: TicketFilters;
  builtIn?: boolean;
}

/** The queue's built-in views; "Waiting on customer" finds the status by name. */
export function builtInViews(statuses: TicketStatus[]): SavedView[] {
  const waiting = statuses.find((s) => !s.isClosed && /wait|pending|customer/i.test(s.name));
  const views: SavedView[] = [
    { id: 'my-open', name: 'My open', filters: { status: 'open', assignee: 'me' }, builtIn: true },
    { id: 'unassigned', name: 'Unassigned', filters: { status: 'open', assignee: 'none' }, builtIn: true },
    { id: 'all-open', name: 'All open', filters: { status: 'open' }, builtIn: true },
  ];
  if (waiting)
    views.push({ id: 'waiting', name: 'Waiting on customer', filters: { status: waiting.id }, builtIn: true });
  views.push({
    id: 'recently-closed',
    name: 'Recently closed',
    filters: { status: 'closed', sort: 'updated_at', order: 'desc' },
    builtIn: true,
  });
  return views;
}

const storageKey = (userId: string) => `helpdesk.views.${userId}`;

/** The agent's own saved filters live in this browser (per user). */
export function loadViews(userId: string, storage: Pick<Storage, 'getItem'> = localStorage): SavedView[] {
  try {
    const raw = storage.getItem(storageKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (v): v is SavedView =>
        typeof v === 'object' &&
        v !== null &&
        typeof v.id === 'string' &&
        typeof v.name === 'string' &&
        typeof v.filters === 'object',
    );
  } catch {
    return [];
  }
}

export function storeViews(userId: string, views: SavedView[], storage: Pick<Storage, 'setItem'> = localStorage) {
  storage.setItem(storageKey(userId), JSON.stringify(views.filter((v) => !v.builtIn)));
}

const filterKeys: (keyof TicketFilters)[] = [
  'status',
  'departmentId',
  'priorityId',
  'assignee',
  'rating',
  'sla',
  'tagsAny',
  'tagsAll',
  'tagsNone',
  'q',
  'sort',
  'order',
  'field',
];

export function filtersFromParams(params: URLSearchParams): TicketFilters {
  const f: TicketFilters = {};
  for (const k of filterKeys) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f;
}

/** The queue's filters in its address: none means all open tickets. */
export function queueFiltersFrom(params: URLSearchParams): TicketFilters {
  return [...params.keys()].length > 0 ? filtersFromParams(params) : { status: 'open' };
}

export function paramsFromFilters(f: TicketFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of filterKeys) {
    const v = f[k];
    if (v) p.set(k, v);
  }
  return p;
}

export function sameFilters(a: TicketFilters, b: TicketFilters): boolean {
  return filterKeys.every((k) => (a[k] ?? '') === (b[k] ?? ''));
}

/** Keyboard cursor in the queue: j/k stay inside the list. */
export function moveCursor(current: number, delta: number, length: number): number {
  if (length === 0) return -1;
  if (current < 0) return delta > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + delta));
}
