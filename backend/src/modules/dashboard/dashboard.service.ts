import type { Dashboard } from '@helpdesk/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { forbidden } from '../../lib/app-error.js';
import { type Actor, can, isCustomer, requireActor } from '../auth/actor.js';
import * as repo from './dashboard.repository.js';

const DAYS = 30;

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
  return {
    /** `GET /api/dashboard`. */
    async get(actorIn: Actor | null): Promise<Dashboard> {
      const actor = requireActor(actorIn);
      if (isCustomer(actor) || !(can(actor, 'tickets.view_department') || can(actor, 'tickets.view_all'))) {
        throw forbidden('The dashboard is for agents and admins');
      }
      const scope = dashboardScope(actor);
      const today = new Date();
      const since = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (DAYS - 1)));
      const [groups, refs, days, med] = await Promise.all([
        repo.openTicketGroups(db, scope, actor.id),
        repo.referenceRows(db),
        repo.perDay(db, scope, since),
        repo.medians(db, scope, since),
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
        openByStatus: refs.statuses.map((s) => ({ item: s, count: sum((g) => g.statusId === s.id) })),
        openByPriority: refs.priorities.map((p) => ({ item: p, count: sum((g) => g.priorityId === p.id) })),
        openByDepartment: refs.departments
          .filter((d) => !allowedDepartments || allowedDepartments.has(d.id))
          .map((d) => ({ item: d, count: sum((g) => g.departmentId === d.id) })),
        unassignedOpen: sum((g) => g.unassigned),
        myOpen: sum((g) => g.mine),
        perDay,
        medianFirstResponseMinutes: round(med.firstResponse),
        medianResolutionMinutes: round(med.resolution),
      };
    },
  };
}
