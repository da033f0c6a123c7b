import { availableParallelism } from 'node:os';
import type { Ticket } from '@helpdesk/contract';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Database, type DbOrTx, jsonColumn, queryRows } from '../../db/client.js';
import { insertSql } from '../../db/insert-sql.js';
import { idempotencyKeys, ticketHistory, ticketMessages, tickets } from '../../db/schema/index.js';
import { CteName, WriteBatch, write } from '../../db/write-batch.js';
import { WriteGroup } from '../../db/write-group.js';
import { newId } from '../../lib/ids.js';
import { ticketFilingStatements } from '../../lib/metrics.js';
import { iso } from '../../lib/timestamps.js';
import { type RecipientRow, recipientJson } from '../notifications/notifications.service.js';

/** A ticket as the request named it: its uuid or its number (#1042). */
export type TicketRef = { id: string } | { number: number };

export function parseTicketRef(raw: string): TicketRef {
  const m = /^#?(\d+)$/.exec(raw);
  return m ? { number: Number(m[1]) } : { id: raw.toLowerCase() };
}

/** The WHERE condition over `t` for a ticket reference. */
export const refWhere = (ref: TicketRef) => ('id' in ref ? sql`t.id = ${ref.id}::uuid` : sql`t.number = ${ref.number}`);

/** The columns access rules and updates need, read under a row lock. */
export interface TicketCore {
  id: string;
  number: number;
  subject: string;
  statusId: string;
  statusName: string;
  statusIsClosed: boolean;
  priorityId: string;
  priorityName: string;
  departmentId: string;
  departmentName: string;
  /** The status the department moves a ticket to on a staff reply (departments.reply_status_id). */
  departmentReplyStatusId: string | null;
  customerId: string;
  customerOrganisationId: string | null;
  assignedToId: string | null;
  assigneeName: string | null;
  firstResponseAt: Date | null;
  createdAt: Date | string;
  /** Set when the ticket was merged into another (issue 17). */
  mergedIntoId: string | null;
  version: number;
  /**
   * With `forUpdate`: the transaction's `now()`, which every `DEFAULT now()` written in it takes
   * (a reply's message answers with it without reading the row back).
   */
  lockedAt?: Date | string;
  /** With `withCustomer`: the customer as a notification recipient (null when not active). */
  customerRecipient?: RecipientRow | null;
}

/**
 * The ticket with its status, names and priority; `forUpdate` locks the ticket row until commit.
 * `withCustomer` (with `forUpdate`, for a reply) also reads the customer as the recipient the
 * reply notifies: one round trip less per reply.
 */
export async function findTicketCore(
  db: DbOrTx,
  ref: TicketRef,
  opts: { forUpdate?: boolean; withCustomer?: boolean } = {},
): Promise<TicketCore | undefined> {
  const withCustomer = opts.forUpdate === true && opts.withCustomer === true;
  // Locking: the ticket's row is locked and read alone in a CTE, the names joined to what it read.
  // A SELECT … JOIN … FOR UPDATE that waited for another transaction re-checks the updated row
  // against the joined rows it read before (PostgreSQL's EvalPlanQual), so a status changed
  // meanwhile (a merge closing the ticket) made it find nothing: a 404 for a reply that only waited
  // (issue 17). The CTE returns the row as the other transaction left it; the joins then look up
  // its (new) status and names, which existed before this statement began. One round trip.
  const source = opts.forUpdate
    ? sql`WITH locked AS MATERIALIZED (
        SELECT t.id, t.number, t.subject, t.status_id, t.priority_id, t.department_id, t.customer_id,
          t.assigned_to_id, t.first_response_at, t.created_at, t.merged_into_id, t.version
        FROM tickets t WHERE ${refWhere(ref)} FOR UPDATE
      ) SELECT`
    : sql`SELECT`;
  const rows = await queryRows<TicketCore>(
    db,
    sql`${source} t.id, t.number::float8 AS number, t.subject, t.status_id AS "statusId", s.name AS "statusName",
      s.is_closed AS "statusIsClosed", t.priority_id AS "priorityId", p.name AS "priorityName",
      t.department_id AS "departmentId", d.name AS "departmentName",
      d.reply_status_id AS "departmentReplyStatusId", t.customer_id AS "customerId",
      (SELECT om.organisation_id FROM organisation_members om WHERE om.user_id = t.customer_id) AS "customerOrganisationId",
      t.assigned_to_id AS "assignedToId", a.name AS "assigneeName", t.first_response_at AS "firstResponseAt",
      t.created_at AS "createdAt", t.merged_into_id AS "mergedIntoId", t.version
      ${opts.forUpdate ? sql`, now() AS "lockedAt"` : sql``}
      ${withCustomer ? sql`, ${recipientJson(sql`t.customer_id`)} AS "customerRecipient"` : sql``}
    FROM ${opts.forUpdate ? sql`locked` : sql`tickets`} t
      JOIN ticket_statuses s ON s.id = t.status_id
      JOIN ticket_priorities p ON p.id = t.priority_id
      JOIN departments d ON d.id = t.department_id
      LEFT JOIN users a ON a.id = t.assigned_to_id
    ${opts.forUpdate ? sql`` : sql`WHERE ${refWhere(ref)}`}`,
    { prepared: withCustomer ? 'ticket_core_locked_customer' : opts.forUpdate ? 'ticket_core_locked' : 'ticket_core' },
  );
  const row = rows[0];
  if (row && withCustomer) row.customerRecipient = jsonColumn(row.customerRecipient ?? null);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Writes

/** What filing a ticket writes (the columns of insertTicketSql); the database fills in the rest (number, version, times). */
export type NewTicket = Required<
  Pick<
    typeof tickets.$inferInsert,
    | 'id'
    | 'subject'
    | 'description'
    | 'statusId'
    | 'priorityId'
    | 'departmentId'
    | 'customerId'
    | 'createdById'
    | 'assignedToId'
    | 'closedAt'
  >
>;

/** What the database filled in of a new ticket: with the values given, its whole row. */
export interface InsertedTicket {
  id: string;
  number: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A ticket filed in one statement with the rows that follow from it: the name of its CTE, and its
 * number as those rows quote it (drawn in the same statement).
 */
export interface TicketSlot {
  name: CteName;
  number: SQL;
}

export function newTicketSlot(): TicketSlot {
  const name = new CteName('new_ticket');
  return { name, number: sql`(SELECT number FROM ${name.sql})` };
}

/** The INSERT of a new ticket (insertSql: not Drizzle's builder, ~50 µs of server CPU per create). */
const insertTicketSql = (v: NewTicket) =>
  sql`${insertSql(tickets, [v])} RETURNING id, number, version, created_at, updated_at`;

type InsertedRow = {
  id: string;
  number: string | number;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
};

function inserted(row: InsertedRow | undefined): InsertedTicket {
  if (!row) throw new Error('ticket not inserted');
  return {
    id: row.id,
    number: Number(row.number),
    version: row.version,
    createdAt: new Date(iso(row.created_at)),
    updatedAt: new Date(iso(row.updated_at)),
  };
}

/**
 * Inserts a ticket and the rows of `batch` as one statement (which needs no transaction of its
 * own): the rows read its number as `slot.number`. What the database filled in.
 */
export async function insertTicketWith(
  db: DbOrTx,
  values: NewTicket,
  batch: WriteBatch,
  slot = newTicketSlot(),
): Promise<InsertedTicket> {
  const write = insertTicketSql(values);
  const [row] = await batch.runLed<InsertedRow>(db, { name: slot.name, write }, { prepared: 'create_ticket' });
  return inserted(row);
}

const filingGroups = new WeakMap<Database, WriteGroup>();

/**
 * insertTicketWith on the pool, in one statement with the other tickets filed at the same moment
 * (db/write-group.ts; at most eight a statement, one statement at a time per two cores). The
 * batch's parts insert their own ticket's rows; another module's write with it must allow that
 * (new-ticket-writes.ts).
 */
export async function insertTicketGrouped(
  database: Database,
  values: NewTicket,
  batch: WriteBatch,
  slot: TicketSlot,
): Promise<InsertedTicket> {
  let group = filingGroups.get(database);
  if (!group) {
    group = new WriteGroup(database.db, {
      prepared: 'create_ticket',
      maxSize: 8,
      // One statement at a time on 2 cores (PostgreSQL on the same machine), more with more cores.
      maxInFlight: Math.max(1, Math.floor(availableParallelism() / 2)),
      ran: (n) => ticketFilingStatements.inc({ tickets: String(n) }),
    });
    filingGroups.set(database, group);
  }
  const [row] = await group.run<InsertedRow>(batch.led({ name: slot.name, write: insertTicketSql(values) }));
  return inserted(row);
}

/** Inserts a ticket on its own (its field values or files need its row before the batch). */
export async function insertTicket(db: DbOrTx, values: NewTicket): Promise<InsertedTicket> {
  return insertTicketWith(db, values, new WriteBatch());
}

type ChangeableColumn = 'subject' | 'statusId' | 'priorityId' | 'departmentId' | 'assignedToId' | 'closedAt';
/** Column values, or SQL such as now(). */
export type TicketChanges = { [K in ChangeableColumn]?: NewTicket[K] | SQL } & { firstResponseAt?: Date | SQL };

/**
 * Applies the changes, bumps `version` (unless `bumpVersion` is false) and `updated_at`; in `batch`
 * when given.
 */
export async function updateTicket(
  db: DbOrTx,
  id: string,
  changes: TicketChanges,
  opts: { bumpVersion?: boolean; touch?: boolean } = {},
  batch?: WriteBatch,
): Promise<void> {
  const update = db
    .update(tickets)
    .set({
      ...changes,
      ...(opts.bumpVersion === false ? {} : { version: sql`${tickets.version} + 1` }),
      ...(opts.touch === false ? {} : { updatedAt: sql`now()` }),
    })
    .where(eq(tickets.id, id));
  await write(db, update, batch);
}

export interface HistoryInput {
  ticketId: string;
  actorId: string | null;
  action: string;
  field?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
  isInternal?: boolean;
}

/** A history row to write: its new value may be SQL (it quotes a number drawn in the same statement). */
export type HistoryRow = Omit<HistoryInput, 'newValue'> & { newValue?: string | SQL | null };

export async function insertHistory(db: DbOrTx, rows: HistoryRow[], batch?: WriteBatch): Promise<void> {
  if (rows.length === 0) return;
  await write(db, insertSql(ticketHistory, rows), batch);
}

export async function insertMessage(
  db: DbOrTx,
  values: { ticketId: string; authorId: string; body: string; isInternal: boolean },
  inBatch?: { batch: WriteBatch; lockedAt: Date | string },
): Promise<{ id: string; createdAt: Date }> {
  if (inBatch) {
    // With the write's other rows, one round trip less: the id made here, the time the
    // transaction's (what DEFAULT now() writes).
    const id = newId();
    inBatch.batch.add(insertSql(ticketMessages, [{ ...values, id }]));
    return { id, createdAt: new Date(inBatch.lockedAt) };
  }
  const [row] = await db
    .insert(ticketMessages)
    .values(values)
    .returning({ id: ticketMessages.id, createdAt: ticketMessages.createdAt });
  if (!row) throw new Error('message not inserted');
  return row;
}

/**
 * Claims `key` for the user; false when it was already claimed by a committed request that has not
 * expired. An expired key (older than `ttlHours`) is taken over as if it were new. A concurrent
 * claim of the same key waits for the first one's transaction, then sees its row.
 */
export async function claimIdempotencyKey(
  db: DbOrTx,
  claim: { userId: string; key: string; requestHash: string; ttlHours: number },
): Promise<boolean> {
  const { userId, key, requestHash, ttlHours } = claim;
  const rows = await db
    .insert(idempotencyKeys)
    .values({ userId, key, requestHash })
    .onConflictDoUpdate({
      target: [idempotencyKeys.userId, idempotencyKeys.key],
      set: { requestHash, ticketId: null, firstAnswer: null, createdAt: sql`now()` },
      setWhere: sql`${idempotencyKeys.createdAt} <= now() - make_interval(hours => ${ttlHours})`,
    })
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

export async function findIdempotencyKey(db: DbOrTx, userId: string, key: string) {
  const [row] = await db
    .select({
      requestHash: idempotencyKeys.requestHash,
      ticketId: idempotencyKeys.ticketId,
      firstAnswer: idempotencyKeys.firstAnswer,
    })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return row;
}

/** Records the ticket a claimed key made and the ticket as its answer showed it. */
export async function setIdempotencyTicket(
  db: DbOrTx,
  claim: { userId: string; key: string },
  ticketId: string,
  firstAnswer: Ticket,
) {
  await db
    .update(idempotencyKeys)
    .set({ ticketId, firstAnswer })
    .where(and(eq(idempotencyKeys.userId, claim.userId), eq(idempotencyKeys.key, claim.key)));
}

/**
 * Removes the ticket and its messages, history and idempotency keys; run inside a transaction,
 * after the notifications and attachments modules removed their rows of it.
 */
export async function deleteTicketTree(db: DbOrTx, id: string): Promise<void> {
  await db.delete(ticketHistory).where(eq(ticketHistory.ticketId, id));
  await db.delete(ticketMessages).where(eq(ticketMessages.ticketId, id));
  await db.delete(idempotencyKeys).where(eq(idempotencyKeys.ticketId, id));
  await db.delete(tickets).where(eq(tickets.id, id));
}

/** A merge: the source's messages join the target's conversation, keeping their authors and times. */
export async function moveMessages(db: DbOrTx, fromId: string, toId: string): Promise<number> {
  const rows = await db
    .update(ticketMessages)
    .set({ ticketId: toId })
    .where(eq(ticketMessages.ticketId, fromId))
    .returning({ id: ticketMessages.id });
  return rows.length;
}

/** Marks the ticket merged into `targetId` (the pointer its old number redirects by). */
export async function setMergedInto(db: DbOrTx, id: string, targetId: string): Promise<void> {
  await db.update(tickets).set({ mergedIntoId: targetId }).where(eq(tickets.id, id));
}

/** One message of the ticket, for a split. */
export async function findMessage(db: DbOrTx, ticketId: string, messageId: string) {
  const [row] = await db
    .select({ id: ticketMessages.id, body: ticketMessages.body, isInternal: ticketMessages.isInternal })
    .from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, ticketId), eq(ticketMessages.id, messageId)));
  return row;
}

export async function findDescription(db: DbOrTx, id: string): Promise<string | undefined> {
  const [row] = await db.select({ description: tickets.description }).from(tickets).where(eq(tickets.id, id));
  return row?.description;
}
