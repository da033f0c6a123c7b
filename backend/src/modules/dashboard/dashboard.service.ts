import type { Dashboard } from '@helpdesk/contract';
import { type SQL, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Database, Db } from '../../db/client.js';
import { forbidden } from '../../lib/app-error.js';
import { type Actor, can, isCustomer } from '../auth/actor.js';
import { cachedDepartments } from '../departments/departments.service.js';
import { referenceData, statusIdsByClosed } from '../statuses/statuses.service.js';
import * as repo from './dashboard.repository.js';

const DAYS = 30;
/**
 * The 30-day figures (per-day counts, medians) read tens of thousands of rows on a big helpdesk
 * and move slowly, so each scope's are recomputed at most this often; open counts are always live.
 */
const HISTORY_MAX_AGE_MS = 60_000;
const HISTORY_MAX_SCOPES = 1_000;

type History = {
  days: Awaited<ReturnType<typeof repo.perDay>>;
  med: Awaited<ReturnType<typeof repo.medians>>;
};

/** Agents and admins only: the figures cover the tickets they may see. */
function dashboardScope(actor: Actor): SQL {
  if (can(actor, 'tickets.view_all')) return sql`true`;
  if (actor.departmentIds.length === 0) return sql`false`;
  return sql`t.department_id IN (${sql.join(
    actor.departmentIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export function createDashboardService(database: Database) {
  const { db } = database;
  const histories = new LRUCache<string, Promise<History>>({ max: HISTORY_MAX_SCOPES, ttl: HISTORY_MAX_AGE_MS });

  /**
   * The 30-day figures of a scope, computed once per HISTORY_MAX_AGE_MS (concurrent callers share
   * one computation). The window's first day is part of the key, so a new day starts afresh.
   */
  function history(db: Db, actor: Actor, scope: SQL, since: Date): Promise<History> {
    const departments = can(actor, 'tickets.view_all') ? '*' : [...actor.departmentIds].sort().join(',');
    const key = `${since.toISOString()} ${departments}`;
    const hit = histories.get(key);
    if (hit) return hit;
    const history = Promise.all([repo.perDay(db, scope, since), repo.medians(db, scope, since)]).then(
      ([days, med]) => ({ days, med }),
    );
    histories.set(key, history);
    // A failed computation is not kept: the next request tries again.
    history.catch(() => {
      if (histories.get(key) === history) histories.delete(key);
    });
    return history;
  }

  return {
    /** `GET /api/dashboard`; `reader`: a read replica (db/replicas.ts). */
    async get(actor: Actor, reader: Db = db): Promise<Dashboard> {
      if (isCustomer(actor) || !(can(actor, 'tickets.view_department') || can(actor, 'tickets.view_all'))) {
        throw forbidden('The dashboard is for agents and admins');
      }
      const scope = dashboardScope(actor);
      const today = new Date();
      const since = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (DAYS - 1)));
      const refs = await referenceData(database);
      const [groups, departments, { days, med }] = await Promise.all([
        repo.openTicketGroups(reader, scope, actor.id, statusIdsByClosed(refs, false)),
        cachedDepartments(database),
        history(reader, actor, scope, since),
      ]);

      const sum = (pick: (g: repo.OpenGroupRow) => boolean) => groups.filter(pick).reduce((acc, g) => acc + g.n, 0);
      const allowedDepartments = can(actor, 'tickets.view_all') ? null : new Set(actor.departmentIds);

      const created = new Map(days.created.map((r) => [r.day, r.n]));
      const closed = new Map(days.closed.map((r) => [r.day, r.n]));
      const perDay = Array.from({ length: DAYS }, (_, i) => {
        const date = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
        return { date, created: created.get(date) ?? 0, closed: closed.get(date) ?? 0 };
      });

      return {
        openByStatus: refs.statuses
          .filter((s) => !s.isClosed)
          .map((s) => ({ item: { id: s.id, name: s.name, color: s.color }, count: sum((g) => g.statusId === s.id) })),
        openByPriority: refs.priorities.map((p) => ({
          item: { id: p.id, name: p.name, level: p.level, color: p.color },
          count: sum((g) => g.priorityId === p.id),
        })),
        openByDepartment: departments
          .filter((d) => !allowedDepartments || allowedDepartments.has(d.id))
          .map((d) => ({ item: { id: d.id, name: d.name }, count: sum((g) => g.departmentId === d.id) })),
        unassignedOpen: sum((g) => g.unassigned),
        myOpen: sum((g) => g.mine),
        perDay,
        medianFirstResponseMinutes: round(med.firstResponse),
        medianResolutionMinutes: round(med.resolution),
      };
    },
  };
}
