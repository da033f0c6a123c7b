import { createHash } from 'node:crypto';
import type {
  BulkUpdateBody,
  CreateMessageBody,
  CreateTicketBody,
  ListTicketsQuery,
  Ticket,
  TicketDetail,
  TicketListItem,
  TicketMessage,
  UpdateTicketBody,
} from '@helpdesk/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.js';
import { type DbOrTx, isStatementTimeout, withStatementTimeout } from '../../db/client.js';
import { AppError, forbidden, notFound, ruleViolation, validationError } from '../../lib/app-error.js';
import { ticketsCreated } from '../../plugins/metrics.js';
import { attachmentService } from '../attachments/attachments.service.js';
import type { StoredFile } from '../attachments/attachments.storage.js';
import { type Actor, can, isCustomer, isStaff, requireActor, requirePermission } from '../auth/actor.js';
import { type TicketRef as NotifyTicket, notifyOn } from '../notifications/notifications.service.js';
import * as refs from '../statuses/reference-cache.js';
import {
  allowedActions,
  canAddInternalNote,
  canCloseOrReopen,
  canViewTicket,
  seesInternalNotes,
} from './tickets.policy.js';
import { toHistoryEntry, toListItem, toMessage, toTicket } from './tickets.presenter.js';
import * as repo from './tickets.repository.js';

const ticketNotFound = () => notFound('Ticket');

/** The SQL twin of canViewTicket, over the alias `t`. */
function scopeSql(actor: Actor): SQL {
  if (can(actor, 'tickets.view_all')) return sql`true`;
  const parts: SQL[] = [];
  if (can(actor, 'tickets.view_department') && actor.departmentIds.length > 0) {
    parts.push(
      sql`t.department_id IN (${sql.join(
        actor.departmentIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  }
  if (can(actor, 'tickets.view_own')) parts.push(sql`t.customer_id = ${actor.id}::uuid`);
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`;
}

function viewerFor(actor: Actor): repo.Viewer {
  return { id: actor.id, seesInternal: seesInternalNotes(actor), scope: scopeSql(actor) };
}

// ---------------------------------------------------------------------------------------------
// Cursor: base64url JSON of the sort, the order and the last row's keyset values.

const keyPatterns: Record<repo.QueueSort, RegExp[]> = (() => {
  const ts = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const int = /^-?\d{1,18}$/;
  const real = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
  return {
    created_at: [ts, uuid],
    updated_at: [ts, uuid],
    number: [int],
    priority: [int, ts, uuid],
    relevance: [real, uuid],
  };
})();

function encodeCursor(sort: repo.QueueSort, order: string, keys: string[]): string {
  return Buffer.from(JSON.stringify({ s: sort, o: order, k: keys })).toString('base64url');
}

/** The sort a cursor was made for, if it is readable. */
function peekCursorSort(cursor: string): unknown {
  try {
    return (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown })?.s;
  } catch {
    return undefined;
  }
}

function decodeCursor(cursor: string, sort: repo.QueueSort, order: string): string[] {
  const bad = () =>
    validationError('The cursor is not valid', [{ path: 'querystring.cursor', message: 'Invalid cursor' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const c = parsed as { s?: unknown; o?: unknown; k?: unknown };
  if (!c || typeof c !== 'object' || c.s !== sort || c.o !== order || !Array.isArray(c.k)) throw bad();
  const patterns = keyPatterns[sort];
  if (c.k.length !== patterns.length) throw bad();
  const keys = c.k.map((v, i) => {
    if (typeof v !== 'string' || !patterns[i]?.test(v)) throw bad();
    return v;
  });
  return keys;
}

/**
 * Search words → a to_tsquery source. Only letters and digits survive, so nothing the user types
 * can be tsquery syntax; the last word matches as a prefix.
 */
export function toTsquerySource(q: string): string | undefined {
  const words = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length <= 100).slice(0, 16);
  if (words.length === 0) return undefined;
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
}

function requestHash(body: CreateTicketBody): string {
  const canonical = [
    body.subject,
    body.description,
    body.departmentId,
    body.priorityId ?? null,
    body.customerId ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** A ticket without its conversation or actions: for a caller who cannot view it (any more). */
const fieldsOnly = (ticket: Ticket): TicketDetail => ({ ticket, messages: [], allowedActions: [] });

export interface CreateResult {
  detail: TicketDetail;
  /** True when an Idempotency-Key replay returned the ticket an earlier request made. */
  replayed: boolean;
}

type FieldChanges = Omit<UpdateTicketBody, 'version'>;

/** What a create's transaction did: made a ticket (and its answer), or found the key's earlier ticket. */
type CreateOutcome = { answer: TicketDetail } | { replayOf: { ticketId: string; firstAnswer: Ticket | null } };

const searchTooSlow = () =>
  new AppError(
    'SEARCH_TOO_SLOW',
    503,
    'The search took too long; add words or filters to narrow it down, or try again shortly',
  );

/**
 * A search first examines this many tickets in sort order; when a full page matches among them the
 * term is common, and the page comes from walking the index instead of ranking every match.
 */
const SEARCH_WINDOW = 2000;

/**
 * A search the planner expects to match fewer rows (tickets plus messages) than this is ranked at
 * once, without the window. Ranking costs time per match, which stays small below a few thousand
 * (found through the GIN indexes), while the window always probes 2,000 tickets and each one's
 * messages; and a term that rare seldom fills a page among the newest 2,000 tickets, so the window
 * would mostly be followed by the ranked search anyway.
 */
const RARE_SEARCH_MATCHES = 5000;

/**
 * The planner estimates every word ANALYZE keeps no frequency for alike (SearchEstimate.untracked),
 * however rare it is: at 1M tickets with the bench's small vocabulary that is 25,401 rows for
 * "quokka" (98 real matches), far above RARE_SEARCH_MATCHES. An estimate within this factor of that
 * level means the term is rarer than every word the statistics track (a word they track in both
 * tables is estimated at twice the level or more), so it is ranked at once too; the margin covers
 * rows added since the last ANALYZE. Words are assumed independent: several common words that
 * mostly occur together may be estimated this low and then be ranked at their full cost.
 */
const UNTRACKED_MARGIN = 1.5;

/**
 * A search the planner expects to match more rows than this is never ranked: ranking reads and
 * scores every match (about 27 µs each when cached, 0.2 ms when read from disk), so a common word
 * whose matches are all older than the newest 2,000 tickets took 9–20 s at 1M tickets. Such a term
 * walks the sort index until a page matches, however far back that is (bench/README.md, finding 10).
 */
const MAX_RANKED_MATCHES = 10_000;

/** How long, and for how many terms, a verdict on a search's size is kept (per process). */
const SIZE_VERDICT_MAX_AGE_MS = 5 * 60_000;
const SIZE_VERDICTS_KEPT = 1_000;

/**
 * What the statistics say about how many rows a search matches: `few` are ranked at once, `many`
 * try the window first and are ranked when it finds less than a page, `too-many` are never ranked.
 * Undefined without statistics (behaves like `many`).
 */
type SearchSize = 'few' | 'many' | 'too-many';

/** Ticket use cases. Every write runs in one transaction with its ticket_history rows. */
export function createTicketService(deps: AppDeps) {
  const { db } = deps.database;
  const files = attachmentService(deps);

  /** What the notifications of an event need to know about the ticket (after the change). */
  const notifyRef = (
    cur: repo.TicketCore,
    after: { departmentId?: string; assignedToId?: string | null } = {},
  ): NotifyTicket => ({
    id: cur.id,
    number: Number(cur.number),
    subject: cur.subject,
    customerId: cur.customerId,
    departmentId: after.departmentId ?? cur.departmentId,
    assignedToId: after.assignedToId !== undefined ? after.assignedToId : cur.assignedToId,
  });

  /**
   * The detail view as the actor may see it now, or undefined when the ticket is missing or outside
   * their scope.
   */
  async function visibleDetail(
    dbx: DbOrTx,
    actor: Actor,
    ref: repo.TicketRef,
    opts: { brandNew?: boolean } = {},
  ): Promise<TicketDetail | undefined> {
    const viewer = viewerFor(actor);
    const row = await repo.findTicketView(dbx, viewer, ref);
    if (!row) return undefined;
    // A ticket this request just created has no messages or files yet: two reads saved per create.
    const messages = opts.brandNew ? [] : await repo.listMessages(dbx, viewer, row.id);
    const filesByMessage = opts.brandNew ? new Map() : await files.byMessage(dbx, row.id, viewer.seesInternal);
    return {
      ticket: toTicket(row),
      messages: messages.map((m) => toMessage(m, filesByMessage.get(m.id))),
      allowedActions: allowedActions(actor, {
        departmentId: row.departmentId,
        customerId: row.customerId,
        assignedToId: row.assigneeId,
        statusIsClosed: row.statusIsClosed,
      }),
    };
  }

  async function detail(actor: Actor, ref: repo.TicketRef): Promise<TicketDetail> {
    const found = await visibleDetail(db, actor, ref);
    if (!found) throw ticketNotFound();
    return found;
  }

  /**
   * The answer to a write the actor just made: the detail view when they may still see the ticket.
   * When this write took it out of their scope (filed or moved into a department they are not in),
   * only the ticket's fields as they wrote them: never its conversation, no actions.
   */
  async function answerAfterWrite(
    dbx: DbOrTx,
    actor: Actor,
    id: string,
    opts: { brandNew?: boolean } = {},
  ): Promise<TicketDetail> {
    const visible = await visibleDetail(dbx, actor, { id }, opts);
    if (visible) return visible;
    const row = await repo.findTicketView(dbx, viewerFor(actor), { id }, { ignoreScope: true });
    if (!row) throw ticketNotFound();
    return fieldsOnly(toTicket(row));
  }

  /**
   * How many rows PostgreSQL's statistics say the search matches (SearchSize; RARE_SEARCH_MATCHES,
   * UNTRACKED_MARGIN, MAX_RANKED_MATCHES). Undefined without statistics.
   */
  async function searchSize(dbx: DbOrTx, tsquery: string): Promise<SearchSize | undefined> {
    // Statistics change only when the tables are analyzed: keep each term's verdict a while.
    const known = sizeVerdicts.get(tsquery);
    if (known && Date.now() - known.at < SIZE_VERDICT_MAX_AGE_MS) return known.size;
    const estimate = await repo.estimateSearchMatches(dbx, tsquery);
    // No statistics yet (a new or small helpdesk): ask again next time, they may exist by then.
    if (!estimate) return undefined;
    const size: SearchSize =
      estimate.matches < RARE_SEARCH_MATCHES || estimate.matches <= estimate.untracked * UNTRACKED_MARGIN
        ? 'few'
        : estimate.matches > MAX_RANKED_MATCHES
          ? 'too-many'
          : 'many';
    if (sizeVerdicts.size >= SIZE_VERDICTS_KEPT) sizeVerdicts.clear();
    sizeVerdicts.set(tsquery, { at: Date.now(), size });
    return size;
  }
  const sizeVerdicts = new Map<string, { at: number; size: SearchSize }>();

  /** Locks the ticket and checks the actor may see it (404 like a missing id otherwise). */
  async function lockVisible(tx: DbOrTx, actor: Actor, ref: repo.TicketRef): Promise<repo.TicketCore> {
    const core = await repo.findTicketCore(tx, ref, { forUpdate: true });
    if (!core || !canViewTicket(actor, core)) throw ticketNotFound();
    return core;
  }

  async function conflict(
    tx: DbOrTx,
    actor: Actor,
    id: string,
    code: 'CONFLICT' | 'VERSION_CONFLICT',
    message: string,
  ): Promise<AppError> {
    const current = await repo.findTicketView(tx, viewerFor(actor), { id });
    return new AppError(code, 409, message, undefined, current ? { current: toTicket(current) } : undefined);
  }

  /**
   * The shared write path of PATCH and bulk: checks every rule for the actor, applies the changes,
   * bumps the version and writes ticket_history, inside the caller's transaction.
   * Returns the new version.
   */
  async function applyUpdate(
    tx: DbOrTx,
    actor: Actor,
    ref: repo.TicketRef,
    changes: FieldChanges,
    expectedVersion: number | undefined,
  ): Promise<number> {
    const cur = await lockVisible(tx, actor, ref);
    const staffFields =
      changes.subject !== undefined || changes.priorityId !== undefined || changes.departmentId !== undefined;
    if (staffFields && !can(actor, 'tickets.update')) throw forbidden();
    if (changes.assignedToId !== undefined && (!can(actor, 'tickets.assign') || isCustomer(actor))) throw forbidden();
    if (changes.statusId !== undefined && !canCloseOrReopen(actor, cur)) throw forbidden();
    if (expectedVersion !== undefined && expectedVersion !== cur.version) {
      throw await conflict(tx, actor, cur.id, 'VERSION_CONFLICT', 'The ticket was changed by someone else; reload it');
    }

    const set: repo.TicketChanges = {};
    const history: repo.HistoryInput[] = [];
    const event = (action: string, field: string, oldValue: string | null, newValue: string | null) =>
      history.push({ ticketId: cur.id, actorId: actor.id, action, field, oldValue, newValue });

    if (changes.subject !== undefined && changes.subject !== cur.subject) {
      set.subject = changes.subject;
      event('updated', 'subject', cur.subject, changes.subject);
    }
    if (changes.statusId !== undefined && changes.statusId !== cur.statusId) {
      const status = refs.findStatus(await refs.referenceData(deps.database, tx), changes.statusId);
      if (!status) throw ruleViolation('Unknown status', [{ path: 'body.statusId', message: 'Unknown status' }]);
      // Customers without tickets.update may only close or reopen their own ticket.
      if (!can(actor, 'tickets.update') && status.isClosed === cur.statusIsClosed) {
        throw forbidden('You may only close or reopen your ticket');
      }
      set.statusId = status.id;
      if (status.isClosed && !cur.statusIsClosed) set.closedAt = sql`now()`;
      if (!status.isClosed && cur.statusIsClosed) set.closedAt = null;
      event('status_changed', 'status', cur.statusName, status.name);
    }
    if (changes.priorityId !== undefined && changes.priorityId !== cur.priorityId) {
      const priority = refs.findPriority(await refs.referenceData(deps.database, tx), changes.priorityId);
      if (!priority)
        throw ruleViolation('Unknown priority', [{ path: 'body.priorityId', message: 'Unknown priority' }]);
      set.priorityId = priority.id;
      event('updated', 'priority', cur.priorityName, priority.name);
    }
    let departmentId = cur.departmentId;
    if (changes.departmentId !== undefined && changes.departmentId !== cur.departmentId) {
      const dept = await repo.findDepartment(tx, changes.departmentId);
      if (!dept?.isActive) {
        throw ruleViolation('Unknown or inactive department', [
          { path: 'body.departmentId', message: 'Not an active department' },
        ]);
      }
      set.departmentId = dept.id;
      departmentId = dept.id;
      event('updated', 'department', cur.departmentName, dept.name);
    }
    // The assignee must be an active agent of the (possibly new) department.
    let assigneeId = changes.assignedToId !== undefined ? changes.assignedToId : cur.assignedToId;
    let assigneeName = changes.assignedToId !== undefined ? null : cur.assigneeName;
    if (assigneeId) {
      const agent = await repo.findEligibleAssignee(tx, assigneeId, departmentId);
      if (!agent) {
        if (changes.assignedToId !== undefined) {
          throw ruleViolation('The assignee must be an active agent of the ticket’s department', [
            { path: 'body.assignedToId', message: 'Not an active agent of the department' },
          ]);
        }
        // Moved to a department the current assignee is not in: the ticket becomes unassigned.
        assigneeId = null;
      } else {
        assigneeName = agent.name;
      }
    }
    if (assigneeId !== cur.assignedToId) {
      set.assignedToId = assigneeId;
      event('assigned', 'assignee', cur.assigneeName, assigneeId ? assigneeName : null);
    }

    if (history.length === 0) return cur.version;
    await repo.updateTicket(tx, cur.id, set);
    await repo.insertHistory(tx, history);
    const after = notifyRef(cur, { departmentId, assignedToId: assigneeId });
    if (assigneeId && assigneeId !== cur.assignedToId) await notifyOn.ticketAssigned(tx, after, actor.id);
    const statusEvent = history.find((h) => h.action === 'status_changed');
    if (statusEvent?.newValue) await notifyOn.statusChanged(tx, after, actor.id, statusEvent.newValue);
    return cur.version + 1;
  }

  return {
    /** `POST /api/tickets`. */
    async create(actorIn: Actor | null, body: CreateTicketBody, idempotencyKey?: string): Promise<CreateResult> {
      const actor = requirePermission(actorIn, 'tickets.create');
      let customerId = actor.id;
      if (body.customerId && body.customerId !== actor.id) {
        if (!isStaff(actor)) throw forbidden('Customers file tickets for themselves');
        const customer = await repo.findUser(db, body.customerId);
        if (!customer?.isActive || customer.roleName !== 'CUSTOMER') {
          throw ruleViolation('Unknown customer', [{ path: 'body.customerId', message: 'Not an active customer' }]);
        }
        customerId = customer.id;
      }
      const hash = requestHash(body);
      const claim = idempotencyKey ? { userId: actor.id, key: idempotencyKey } : undefined;
      const ttlHours = deps.config.idempotencyKeyTtlHours;

      const outcome = await db.transaction(async (tx): Promise<CreateOutcome> => {
        if (claim) {
          // Blocks while a concurrent request with the same key is in flight, then sees its row.
          if (!(await repo.claimIdempotencyKey(tx, { ...claim, requestHash: hash, ttlHours }))) {
            const prior = await repo.findIdempotencyKey(tx, actor.id, claim.key);
            if (!prior?.ticketId)
              throw new AppError('CONFLICT', 409, 'A request with this Idempotency-Key is in progress');
            if (prior.requestHash !== hash) {
              throw new AppError(
                'IDEMPOTENCY_KEY_REUSED',
                422,
                'This Idempotency-Key was used with a different request',
              );
            }
            return { replayOf: { ticketId: prior.ticketId, firstAnswer: prior.firstAnswer } };
          }
        }
        let dept = await repo.findDepartment(tx, body.departmentId);
        if (!dept?.isActive) {
          throw ruleViolation('Unknown or inactive department', [
            { path: 'body.departmentId', message: 'Not an active department' },
          ]);
        }
        const reference = await refs.referenceData(deps.database, tx);
        const priority = refs.findPriority(reference, body.priorityId ?? 'default');
        if (!priority)
          throw ruleViolation('Unknown priority', [{ path: 'body.priorityId', message: 'Unknown priority' }]);
        const status = refs.findStatus(reference, 'default');
        if (!status) throw new AppError('RULE_VIOLATION', 422, 'No default ticket status is configured');

        let assignee: { id: string; name: string } | undefined;
        if (dept.autoAssign) {
          // The department row lock orders concurrent creations, so turns are never skipped or doubled.
          dept = (await repo.findDepartment(tx, dept.id, { forUpdate: true })) ?? dept;
          assignee = await repo.nextRoundRobinAgent(tx, dept.id, dept.lastAssignedUserId);
          if (assignee) await repo.setRoundRobinPosition(tx, dept.id, assignee.id);
        }
        const ticket = await repo.insertTicket(tx, {
          subject: body.subject,
          description: body.description,
          statusId: status.id,
          priorityId: priority.id,
          departmentId: dept.id,
          customerId,
          createdById: actor.id,
          assignedToId: assignee?.id ?? null,
          // An admin may make a closed status the default; closed_at follows the status.
          closedAt: status.isClosed ? new Date() : null,
        });
        const history: repo.HistoryInput[] = [
          { ticketId: ticket.id, actorId: actor.id, action: 'created', newValue: `#${ticket.number}` },
        ];
        // Auto-assignment is done by the system: no actor.
        if (assignee) {
          history.push({
            ticketId: ticket.id,
            actorId: null,
            action: 'assigned',
            field: 'assignee',
            newValue: assignee.name,
          });
        }
        await repo.insertHistory(tx, history);
        if (assignee) {
          await notifyOn.ticketAssigned(
            tx,
            {
              id: ticket.id,
              number: Number(ticket.number),
              subject: body.subject,
              customerId,
              departmentId: dept.id,
              assignedToId: assignee.id,
            },
            actor.id,
          );
        }
        // Read in the transaction, so the key keeps exactly what this answer showed.
        const answer = await answerAfterWrite(tx, actor, ticket.id, { brandNew: true });
        if (claim) await repo.setIdempotencyTicket(tx, claim, ticket.id, answer.ticket);
        return { answer };
      });
      if ('answer' in outcome) {
        ticketsCreated.inc();
        return { detail: outcome.answer, replayed: false };
      }
      // A replay answers what the caller may see now. Once the ticket is out of their sight, only
      // what the first answer held: the new ticket's fields (it had no conversation yet).
      const { ticketId, firstAnswer } = outcome.replayOf;
      const now = await visibleDetail(db, actor, { id: ticketId });
      if (now) return { detail: now, replayed: true };
      if (!firstAnswer) throw ticketNotFound(); // a key claimed before first answers were kept
      return { detail: fieldsOnly(firstAnswer), replayed: true };
    },

    /** `GET /api/tickets`: one keyset page of the caller's queue. */
    async list(
      actorIn: Actor | null,
      query: ListTicketsQuery,
    ): Promise<{ items: TicketListItem[]; nextCursor: string | null }> {
      const actor = requireActor(actorIn);
      const viewer = viewerFor(actor);
      const filters: SQL[] = [];
      const ids = (list: string[]) =>
        sql.join(
          list.map((id) => sql`${id}::uuid`),
          sql`, `,
        );
      // closed_at is set exactly when the status is a closed one; the open queue has partial indexes on it.
      if (query.status === 'open') filters.push(sql`t.closed_at IS NULL`);
      else if (query.status === 'closed') filters.push(sql`t.closed_at IS NOT NULL`);
      else if (query.status) {
        filters.push(sql`t.status_id IN (${ids(query.status)})`);
      }
      if (query.departmentId) filters.push(sql`t.department_id IN (${ids(query.departmentId)})`);
      if (query.priorityId) filters.push(sql`t.priority_id IN (${ids(query.priorityId)})`);
      if (query.assignee === 'none') filters.push(sql`t.assigned_to_id IS NULL`);
      else if (query.assignee === 'me') filters.push(sql`t.assigned_to_id = ${actor.id}::uuid`);
      else if (query.assignee) filters.push(sql`t.assigned_to_id = ${query.assignee}::uuid`);
      if (query.customerId) filters.push(sql`t.customer_id = ${query.customerId}::uuid`);
      if (query.createdFrom) filters.push(sql`t.created_at >= ${query.createdFrom}::timestamptz`);
      if (query.createdTo) filters.push(sql`t.created_at < ${query.createdTo}::timestamptz`);
      if (query.updatedFrom) filters.push(sql`t.updated_at >= ${query.updatedFrom}::timestamptz`);
      if (query.updatedTo) filters.push(sql`t.updated_at < ${query.updatedTo}::timestamptz`);

      const q = query.q?.trim() || undefined;
      if (query.sort === 'relevance' && !q) {
        throw validationError('Sorting by relevance needs a search', [
          { path: 'querystring.sort', message: 'relevance needs q' },
        ]);
      }
      const order = query.order;
      let sort: repo.QueueSort = query.sort ?? (q ? 'relevance' : 'created_at');
      let tsquery: string | undefined;
      if (q) {
        // `#1042` or `1042` jumps to that ticket when the caller can see it.
        const num = /^#?(\d{1,15})$/.exec(q);
        if (num) {
          const rows = await repo.listQueue(db, viewer, {
            filters: [...filters, sql`t.number = ${Number(num[1])}`],
            sort: sort === 'relevance' ? 'created_at' : sort,
            order,
            limit: 1,
          });
          if (rows.length > 0 && !query.cursor) return { items: rows.map(toListItem), nextCursor: null };
          if (q.startsWith('#')) return { items: [], nextCursor: null };
        }
        tsquery = toTsquerySource(q);
        if (!tsquery) return { items: [], nextCursor: null };
      }
      if (!tsquery && sort === 'relevance') sort = 'created_at';
      const requestedSort = sort;
      /** The page's rows (limit + 1) and the sort they are in: a dense search changes it. */
      const pageOf = async (dbx: DbOrTx) => {
        let sort = requestedSort;
        let rows: repo.TicketViewRow[] | undefined;
        const base = { filters, order, limit: query.limit, tsquery };
        // Asked only on the paths that need it (an estimate is a query until its verdict is cached).
        let sizeVerdict: Promise<SearchSize | undefined> | undefined;
        const size = () => (sizeVerdict ??= tsquery ? searchSize(dbx, tsquery) : Promise.resolve(undefined));
        if (tsquery) {
          // Ranking costs time per match, so a search that matches densely walks the sort index
          // instead (relevance then falls back to newest first); docs/decisions/001-ticket-queries.md.
          // A term the statistics call rare skips that attempt and is ranked at once; one they call
          // too common to rank walks the index without a window.
          const walked = sort === 'relevance' ? 'created_at' : sort;
          const cursorSort = query.cursor ? peekCursorSort(query.cursor) : undefined;
          if (sort === 'relevance' && cursorSort === 'created_at') {
            sort = 'created_at';
            const after = decodeCursor(query.cursor ?? '', sort, order);
            rows = await repo.listQueue(dbx, viewer, { ...base, sort, after, searchMode: 'filter' });
          } else if (
            walked !== 'priority' &&
            (sort !== 'relevance' || !query.cursor) &&
            (await size()) === 'too-many'
          ) {
            // (Sorting by priority has no index order to walk; it is ranked like any other term.)
            sort = walked;
            const after = query.cursor ? decodeCursor(query.cursor, sort, order) : undefined;
            rows = await repo.listQueue(dbx, viewer, { ...base, sort, after, searchMode: 'filter' });
          } else if ((sort !== 'relevance' || !query.cursor) && (await size()) !== 'few') {
            const after = query.cursor ? decodeCursor(query.cursor, walked, order) : undefined;
            // "Dense" must not depend on a tiny page size: ask for at least 25 matches.
            const probe = Math.max(query.limit, 25);
            const attempt = await repo.listQueue(dbx, viewer, {
              ...base,
              limit: probe,
              sort: walked,
              after,
              searchMode: 'filter',
              window: SEARCH_WINDOW,
            });
            if (attempt.length > probe) {
              sort = walked;
              rows = attempt.slice(0, query.limit + 1);
            }
          }
        }
        if (!rows) {
          const after = query.cursor ? decodeCursor(query.cursor, sort, order) : undefined;
          const levels =
            sort === 'priority' && !tsquery
              ? refs.priorityLevels(await refs.referenceData(deps.database, dbx))
              : undefined;
          if (levels && order === 'asc') levels.reverse();
          rows = await repo.listQueue(dbx, viewer, {
            ...base,
            sort,
            after,
            searchMode: 'rank',
            priorityLevels: levels,
            matchesFirst: tsquery !== undefined && (await size()) === 'few',
          });
        }
        return { rows, sort };
      };
      // A search's cost grows with what it matches; it may run for searchTimeoutMs at most, so
      // one slow search cannot hold pooled connections that every other request needs.
      let rows: repo.TicketViewRow[];
      try {
        ({ rows, sort } = tsquery
          ? await withStatementTimeout(db, deps.config.searchTimeoutMs, pageOf)
          : await pageOf(db));
      } catch (err) {
        if (isStatementTimeout(err)) throw searchTooSlow();
        throw err;
      }
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > query.limit && last
          ? encodeCursor(
              sort,
              order,
              [last.c0, last.c1, last.c2].slice(0, repo.sortKeyCount(sort)).map((v) => String(v)),
            )
          : null;
      return { items: page.map(toListItem), nextCursor };
    },

    /** `GET /api/tickets/:id` (uuid, `#1042` or `1042`). */
    async get(actorIn: Actor | null, rawRef: string): Promise<TicketDetail> {
      return detail(requireActor(actorIn), repo.parseTicketRef(rawRef));
    },

    /** `PATCH /api/tickets/:id`. */
    async update(actorIn: Actor | null, rawRef: string, body: UpdateTicketBody): Promise<TicketDetail> {
      const actor = requireActor(actorIn);
      const { version, ...changes } = body;
      const id = await db.transaction(async (tx) => {
        const cur = await lockVisible(tx, actor, repo.parseTicketRef(rawRef));
        await applyUpdate(tx, actor, { id: cur.id }, changes, version);
        return cur.id;
      });
      return answerAfterWrite(db, actor, id);
    },

    /** `POST /api/tickets/:id/assign-to-me`: the first agent wins, the others get a 409. */
    async assignToMe(actorIn: Actor | null, rawRef: string): Promise<TicketDetail> {
      const actor = requireActor(actorIn);
      const id = await db.transaction(async (tx) => {
        const cur = await lockVisible(tx, actor, repo.parseTicketRef(rawRef));
        if (!can(actor, 'tickets.assign') || isCustomer(actor)) throw forbidden();
        if (cur.assignedToId === actor.id) return cur.id;
        if (cur.assignedToId) {
          throw await conflict(tx, actor, cur.id, 'CONFLICT', `The ticket is already assigned to ${cur.assigneeName}`);
        }
        const me = await repo.findEligibleAssignee(tx, actor.id, cur.departmentId);
        if (!me) throw ruleViolation('Only active agents of the ticket’s department can take it');
        await repo.updateTicket(tx, cur.id, { assignedToId: actor.id });
        await repo.insertHistory(tx, [
          {
            ticketId: cur.id,
            actorId: actor.id,
            action: 'assigned',
            field: 'assignee',
            oldValue: null,
            newValue: me.name,
          },
        ]);
        return cur.id;
      });
      return detail(actor, { id });
    },

    /** `POST /api/tickets/:id/messages`: a reply or an internal note. */
    async addMessage(
      actorIn: Actor | null,
      rawRef: string,
      body: CreateMessageBody,
      uploaded: readonly StoredFile[] = [],
    ): Promise<TicketMessage> {
      const actor = requireActor(actorIn);
      const { message, saved } = await db.transaction(async (tx) => {
        const cur = await lockVisible(tx, actor, repo.parseTicketRef(rawRef));
        if (body.isInternal ? !canAddInternalNote(actor) : !can(actor, 'tickets.reply')) {
          throw forbidden(body.isInternal ? 'You may not add internal notes' : 'You may not reply');
        }
        const message = await repo.insertMessage(tx, {
          ticketId: cur.id,
          authorId: actor.id,
          body: body.body,
          isInternal: body.isInternal,
        });
        const history: repo.HistoryInput[] = [
          {
            ticketId: cur.id,
            actorId: actor.id,
            action: body.isInternal ? 'note_added' : 'message_added',
            newValue: message.id,
            isInternal: body.isInternal,
          },
        ];
        if (!body.isInternal) {
          // Internal notes leave updated_at alone, so customers cannot notice them.
          const set: repo.TicketChanges = {};
          let bump = false;
          const fromCustomer = actor.id === cur.customerId || isCustomer(actor);
          if (!fromCustomer && !cur.firstResponseAt) set.firstResponseAt = sql`now()`;
          if (fromCustomer && (cur.statusIsClosed || /^waiting on customer$/i.test(cur.statusName))) {
            const reopen = refs.findReopenStatus(await refs.referenceData(deps.database, tx));
            if (reopen && reopen.id !== cur.statusId) {
              set.statusId = reopen.id;
              set.closedAt = null;
              bump = true;
              history.push({
                ticketId: cur.id,
                actorId: actor.id,
                action: 'status_changed',
                field: 'status',
                oldValue: cur.statusName,
                newValue: reopen.name,
              });
            }
          }
          await repo.updateTicket(tx, cur.id, set, { bumpVersion: bump });
        }
        const saved = await files.recordForMessage(tx, {
          ticketId: cur.id,
          messageId: message.id,
          uploadedById: actor.id,
          files: uploaded,
        });
        for (const file of saved) {
          history.push({
            ticketId: cur.id,
            actorId: actor.id,
            action: 'attachment_added',
            field: 'attachment',
            newValue: file.fileName,
            isInternal: body.isInternal,
          });
        }
        await repo.insertHistory(tx, history);
        await notifyOn.messageAdded(tx, notifyRef(cur), actor.id, { body: body.body, isInternal: body.isInternal });
        return { message, saved };
      });
      // The new message is the actor's own: answered from what was written, without reading it back.
      return toMessage(
        {
          ...message,
          body: body.body,
          isInternal: body.isInternal,
          authorId: actor.id,
          authorName: actor.name,
          authorRole: actor.roleName,
        },
        saved,
      );
    },

    /** `GET /api/tickets/:id/history`: customers see only events about public things. */
    async history(actorIn: Actor | null, rawRef: string) {
      const actor = requireActor(actorIn);
      const core = await repo.findTicketCore(db, repo.parseTicketRef(rawRef));
      if (!core || !canViewTicket(actor, core)) throw ticketNotFound();
      return (await repo.listHistory(db, viewerFor(actor), core.id)).map(toHistoryEntry);
    },

    /** `POST /api/tickets/bulk`: each ticket is checked and written as if updated alone. */
    async bulk(actorIn: Actor | null, body: BulkUpdateBody) {
      const actor = requirePermission(actorIn, 'tickets.bulk');
      const results = [];
      for (const ticketId of body.ticketIds) {
        try {
          const version = await db.transaction((tx) =>
            applyUpdate(tx, actor, { id: ticketId }, body.changes, undefined),
          );
          results.push({ ticketId, ok: true, version });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          results.push({ ticketId, ok: false, error: { code: err.code, message: err.message } });
        }
      }
      return results;
    },

    /** `DELETE /api/tickets/:id`: the ticket and all its children, in one transaction. */
    async remove(actorIn: Actor | null, rawRef: string): Promise<{ id: string; deleted: true }> {
      const actor = requireActor(actorIn);
      const { id, storageKeys } = await db.transaction(async (tx) => {
        const cur = await lockVisible(tx, actor, repo.parseTicketRef(rawRef));
        if (!can(actor, 'tickets.delete')) throw forbidden();
        const keys = await files.storageKeysOf(tx, cur.id);
        await repo.deleteTicketTree(tx, cur.id);
        return { id: cur.id, storageKeys: keys };
      });
      // Only once the rows are gone for good: a rolled-back delete keeps its files.
      await files.removeFiles(storageKeys);
      return { id, deleted: true as const };
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;
