import type { Tag } from '@helpdesk/contract';
import type { Database } from '../../db/client.js';
import { lacksAny } from '../../db/snapshot-cache.js';
import { departmentFactsFor } from '../departments/departments.service.js';
import * as statuses from '../statuses/statuses.service.js';
import { tagSnapshot } from '../tags/tag-lookup.service.js';
import { userNames } from '../users/users.service.js';
import type { TicketListRow } from './queue.queries.js';
import type { RowNames } from './tickets.presenter.js';

/**
 * The names of a queue page's statuses, priorities, departments, people and (for staff) tags,
 * from the per-process snapshots and caches those modules keep (docs/decisions/002, 016), so the
 * queue statement reads ids only. A row naming something a snapshot lacks (created a moment ago
 * by another process, its change notice not here yet) has that snapshot read again, once; people
 * not in memory are read by the names cache itself.
 */
export async function queueNames(
  database: Database,
  rows: readonly TicketListRow[],
  withTags: boolean,
): Promise<RowNames> {
  // Through the primary (database.db), as search-plan.ts does: a replica's older rows are never cached.
  // Each snapshot is read again once when it lacks what a row names (its change notice not here yet).
  const refs = await statuses.referenceData(database, database.db, (r) =>
    rows.some((row) => !statuses.findStatus(r, row.statusId) || !statuses.findPriority(r, row.priorityId)),
  );
  const departments = await departmentFactsFor(
    database,
    rows.map((r) => r.departmentId),
  );
  const tagIds = rows.flatMap((r) => r.tagIds ?? []);
  const tags = withTags ? (await tagSnapshot(database, database.db, (t) => lacksAny(t.byId, tagIds))).byId : undefined;
  const people = await userNames(
    database,
    rows.flatMap((r) => (r.assigneeId ? [r.customerId, r.assigneeId] : [r.customerId])),
  );

  return {
    status: (id) => {
      const s = statuses.findStatus(refs, id);
      return { id, name: s?.name ?? '', color: s?.color ?? '', isClosed: s?.isClosed ?? false };
    },
    priority: (id) => {
      const p = statuses.findPriority(refs, id);
      return { id, name: p?.name ?? '', level: p?.level ?? 0, color: p?.color ?? '' };
    },
    department: (id) => ({ id, name: departments.get(id)?.name ?? '' }),
    person: (id) => ({ id, name: people.get(id) ?? '' }),
    tags: tags
      ? (row) => {
          // A tag deleted since the page was read is left out, as the next read would.
          const list: Tag[] = [];
          for (const id of row.tagIds ?? []) {
            const t = tags.get(id);
            if (t) list.push({ id: t.id, name: t.name, color: t.color });
          }
          return list.sort(byName);
        }
      : undefined,
  };
}

/** By name ignoring case, as the detail view's `ORDER BY lower(tg.name)`. */
const byName = (a: Tag, b: Tag) => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};
