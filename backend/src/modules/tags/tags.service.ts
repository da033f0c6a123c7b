import type {
  AddTicketTagBody,
  BulkTagResult,
  BulkTagsBody,
  SearchTagsQuery,
  Tag,
  TagWithUsage,
  UpdateTagBody,
} from '@helpdesk/contract';
import type { AppDeps } from '../../app-deps.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError, forbidden, notFound, ruleViolation } from '../../lib/app-error.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../lib/pg-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { type Actor, requireAllowed } from '../auth/actor.js';
import { lockVisibleTicket, recordTicketHistory } from '../tickets/tickets.service.js';
import { canCreateTags, canManageTags, canSeeTags, canTagTickets } from './tags.policy.js';
import * as repo from './tags.repository.js';

const tagNotFound = () => notFound('Tag');
const nameTaken = () => new AppError('TAG_NAME_TAKEN', 409, 'Another tag has this name; merge the two instead');

/** History rows of tag changes are staff-only events (customers never see tags). */
const tagEvent = (ticketId: string, actor: Actor, added: boolean, name: string) => ({
  ticketId,
  actorId: actor.id,
  action: added ? 'tag_added' : 'tag_removed',
  field: 'tags',
  oldValue: added ? null : name,
  newValue: added ? name : null,
  isInternal: true,
});

/**
 * The tags of these names, creating the missing ones when the actor may (`tags.create`, 403
 * otherwise). `color` is used for tags created now.
 */
async function resolveTags(tx: DbOrTx, actor: Actor, names: readonly string[], color: string | null = null) {
  const unique = [...new Map(names.map((n) => [n.toLowerCase(), n])).values()];
  const found = await repo.findTagsByNames(tx, unique);
  const known = new Set(found.map((t) => t.name.toLowerCase()));
  const missing = unique.filter((n) => !known.has(n.toLowerCase()));
  if (missing.length > 0 && !canCreateTags(actor))
    throw forbidden(`Only existing tags may be used: ${missing.join(', ')}`);
  for (const name of missing) found.push(await repo.findOrInsertTag(tx, name, color));
  return found;
}

async function addToTicket(deps: AppDeps, actor: Actor, rawRef: string, body: AddTicketTagBody): Promise<Tag[]> {
  requireAllowed(actor, canTagTickets);
  return deps.database.db.transaction(async (tx) => {
    const ticket = await lockVisibleTicket(tx, actor, rawRef);
    const [tag] = await resolveTags(tx, actor, [body.name], body.color ?? null);
    if (!tag) throw tagNotFound();
    if (await repo.addTicketTag(tx, ticket.id, tag.id, actor.id)) {
      await recordTicketHistory(tx, [tagEvent(ticket.id, actor, true, tag.name)]);
    }
    return repo.tagsOfTicket(tx, ticket.id);
  });
}

async function removeFromTicket(deps: AppDeps, actor: Actor, rawRef: string, tagId: string): Promise<Tag[]> {
  requireAllowed(actor, canTagTickets);
  return deps.database.db.transaction(async (tx) => {
    const ticket = await lockVisibleTicket(tx, actor, rawRef);
    const tag = await repo.findTag(tx, tagId);
    if (!tag) throw tagNotFound();
    if (await repo.removeTicketTag(tx, ticket.id, tag.id)) {
      await recordTicketHistory(tx, [tagEvent(ticket.id, actor, false, tag.name)]);
    }
    return repo.tagsOfTicket(tx, ticket.id);
  });
}

/**
 * `POST /api/tags/bulk`: one transaction for all tickets. Tickets the actor may not see are
 * reported (NOT_FOUND) and left alone; the others get every change, each in their history.
 */
async function bulk(deps: AppDeps, actor: Actor, body: BulkTagsBody): Promise<BulkTagResult[]> {
  requireAllowed(actor, canTagTickets);
  return deps.database.db.transaction(async (tx) => {
    const toAdd = await resolveTags(tx, actor, body.add);
    // Removing a tag no ticket has, or that does not exist, changes nothing.
    const toRemove = await repo.findTagsByNames(tx, body.remove);
    const results = new Map<string, BulkTagResult>();
    // Locked in id order, so two bulk requests over the same tickets cannot deadlock.
    for (const ticketId of [...body.ticketIds].sort()) {
      let ticket: Awaited<ReturnType<typeof lockVisibleTicket>>;
      try {
        ticket = await lockVisibleTicket(tx, actor, ticketId);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.set(ticketId, { ticketId, ok: false, error: { code: err.code, message: err.message } });
        continue;
      }
      const events = [];
      for (const tag of toAdd) {
        if (await repo.addTicketTag(tx, ticket.id, tag.id, actor.id))
          events.push(tagEvent(ticket.id, actor, true, tag.name));
      }
      for (const tag of toRemove) {
        if (await repo.removeTicketTag(tx, ticket.id, tag.id)) events.push(tagEvent(ticket.id, actor, false, tag.name));
      }
      await recordTicketHistory(tx, events);
      results.set(ticketId, { ticketId, ok: true });
    }
    return body.ticketIds.flatMap((id) => results.get(id) ?? []);
  });
}

async function update(deps: AppDeps, actor: Actor, id: string, body: UpdateTagBody): Promise<Tag> {
  requireAllowed(actor, canManageTags);
  try {
    return await deps.database.db.transaction(async (tx) => {
      const before = await repo.findTag(tx, id, { forUpdate: true });
      if (!before) throw tagNotFound();
      const other = body.name ? (await repo.findTagsByNames(tx, [body.name])).find((t) => t.id !== id) : undefined;
      if (other) throw nameTaken();
      const after = await repo.updateTag(tx, id, body);
      if (!after) throw tagNotFound();
      await recordAudit(tx, actor.id, { action: 'tag.updated', entityType: 'tag', entityId: id, before, after });
      return after;
    });
  } catch (err) {
    // Two renames racing to the same name: the unique index decides.
    if (pgErrorCode(err) === UNIQUE_VIOLATION) throw nameTaken();
    throw err;
  }
}

async function merge(deps: AppDeps, actor: Actor, id: string, intoId: string): Promise<Tag> {
  requireAllowed(actor, canManageTags);
  if (id === intoId)
    throw ruleViolation('A tag cannot be merged into itself', [{ path: 'body.intoId', message: 'Same tag' }]);
  return deps.database.db.transaction(async (tx) => {
    // Locked in id order: a merge A into B beside one of B into A waits instead of deadlocking.
    const [first, second] = [id, intoId].sort() as [string, string];
    const locked = [
      await repo.findTag(tx, first, { forUpdate: true }),
      await repo.findTag(tx, second, { forUpdate: true }),
    ];
    const from = locked.find((t) => t?.id === id);
    const into = locked.find((t) => t?.id === intoId);
    if (!from || !into) throw tagNotFound();
    const moved = await repo.mergeTag(tx, from.id, into.id);
    await recordAudit(tx, actor.id, {
      action: 'tag.merged',
      entityType: 'tag',
      entityId: into.id,
      before: from,
      after: { ...into, ticketsMoved: moved },
    });
    return into;
  });
}

async function remove(deps: AppDeps, actor: Actor, id: string): Promise<{ id: string; deleted: true }> {
  requireAllowed(actor, canManageTags);
  return deps.database.db.transaction(async (tx) => {
    const before = await repo.findTag(tx, id, { forUpdate: true });
    if (!before) throw tagNotFound();
    await repo.deleteTag(tx, id);
    await recordAudit(tx, actor.id, { action: 'tag.deleted', entityType: 'tag', entityId: id, before });
    return { id, deleted: true as const };
  });
}

/** Tags on tickets (docs/tags.md): staff only; tagging writes ticket history, admin changes the audit log. */
export function createTagService(deps: AppDeps) {
  const { db } = deps.database;
  return {
    /** `GET /api/tags`: autocomplete for staff. */
    search(actor: Actor, query: SearchTagsQuery): Promise<Tag[]> {
      requireAllowed(actor, canSeeTags);
      return repo.searchTags(db, query.q ?? '', query.limit);
    },
    /** `GET /api/admin/tags`: every tag with its number of tickets (`tags.manage`). */
    listWithUsage(actor: Actor): Promise<TagWithUsage[]> {
      requireAllowed(actor, canManageTags);
      return repo.listTagsWithUsage(db);
    },
    addToTicket: (actor: Actor, rawRef: string, body: AddTicketTagBody) => addToTicket(deps, actor, rawRef, body),
    removeFromTicket: (actor: Actor, rawRef: string, tagId: string) => removeFromTicket(deps, actor, rawRef, tagId),
    bulk: (actor: Actor, body: BulkTagsBody) => bulk(deps, actor, body),
    update: (actor: Actor, id: string, body: UpdateTagBody) => update(deps, actor, id, body),
    merge: (actor: Actor, id: string, intoId: string) => merge(deps, actor, id, intoId),
    remove: (actor: Actor, id: string) => remove(deps, actor, id),
  };
}
