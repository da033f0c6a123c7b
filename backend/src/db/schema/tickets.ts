import type { Ticket } from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tsvector, updatedAt } from './columns.js';
import { departments, users } from './users.js';

export const ticketStatuses = pgTable(
  'ticket_statuses',
  {
    id: id(),
    name: text('name').notNull().unique(),
    color: text('color').notNull().default('#868e96'),
    sortOrder: integer('sort_order').notNull().default(0),
    isClosed: boolean('is_closed').notNull().default(false),
    isDefault: boolean('is_default').notNull().default(false),
    /** Tickets in this status stop their SLA clock (Waiting on Customer by default). */
    pausesSla: boolean('pauses_sla').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // At most one default status.
  (t) => [uniqueIndex('ticket_statuses_one_default').on(t.isDefault).where(sql`${t.isDefault}`)],
);

export const ticketPriorities = pgTable(
  'ticket_priorities',
  {
    id: id(),
    name: text('name').notNull().unique(),
    /** Higher is more urgent; the queue sorts by it. */
    level: integer('level').notNull().default(0),
    color: text('color').notNull().default('#868e96'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('ticket_priorities_one_default').on(t.isDefault).where(sql`${t.isDefault}`)],
);

/** Human ticket numbers: #1001, #1002, … */
export const ticketNumberSeq = pgSequence('ticket_number_seq', { startWith: 1001 });

export const tickets = pgTable(
  'tickets',
  {
    id: id(),
    number: bigint('number', { mode: 'number' }).notNull().unique().default(sql`nextval('ticket_number_seq')`),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    statusId: uuid('status_id')
      .notNull()
      .references(() => ticketStatuses.id),
    priorityId: uuid('priority_id')
      .notNull()
      .references(() => ticketPriorities.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => users.id),
    assignedToId: uuid('assigned_to_id').references(() => users.id),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** First public agent reply; feeds the dashboard's first-response time. */
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    /**
     * Set when the ticket was merged into another (issue 17): the merged ticket is closed and its
     * number and id answer with the target. SET NULL: archiving or deleting the target must not be
     * blocked by the tickets merged into it.
     */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => tickets.id, { onDelete: 'set null' }),
    /** Optimistic concurrency: every update must name the version it read. */
    version: integer('version').notNull().default(1),
    /** Subject (weight A) and description (weight B); messages have their own vector. */
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce(subject, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'B')`,
      ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The operations guide's four indexes, by its names, each widened to what the queue, the
    // customer's list and the dashboard read (decision 026: one index per leading column, not a
    // narrow one beside a wide one; every index is written on each insert and each non-HOT update).
    // Newest first for everyone, and per customer / per assignee.
    index('idx_tickets_created_at').on(t.createdAt.desc(), t.id.desc()),
    index('idx_tickets_customer').on(t.customerId, t.createdAt.desc(), t.id.desc()),
    index('idx_tickets_assigned').on(t.assignedToId, t.createdAt.desc(), t.id.desc()),
    // Dashboard: open tickets grouped by status/department/priority/assignee as an index-only scan
    // (docs/decisions/001-ticket-queries.md).
    index('idx_tickets_status').on(t.statusId, t.departmentId, t.priorityId, t.assignedToId),
    // The FK above: deleting or archiving a merge target finds the tickets merged into it.
    index('idx_tickets_merged_into').on(t.mergedIntoId).where(sql`${t.mergedIntoId} IS NOT NULL`),
    // Queue queries: newest first within a department. Most recently active is ticket_activity's
    // (below): no index holds updated_at, so a reply's update of the row can be HOT (decision 027).
    index('idx_tickets_department_created').on(t.departmentId, t.createdAt.desc(), t.id.desc()),
    // fastupdate off: with it, new rows wait in a pending list that every search scans in full
    // (bench/README.md, finding 8); a helpdesk searches far more often than it writes.
    index('idx_tickets_search').using('gin', t.searchVector).with({ fastupdate: false }),
    // Dashboard: closed per day and resolution times as a range scan.
    index('idx_tickets_closed_at').on(t.closedAt).where(sql`${t.closedAt} IS NOT NULL`),
    // The open queue (closed_at IS NULL: a few per cent of all tickets), newest first, per department
    // and for callers who see every department. The ticket and status services keep closed_at set
    // exactly when the ticket's status is a closed one.
    index('idx_tickets_open_department')
      .on(t.departmentId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.closedAt} IS NULL`),
    index('idx_tickets_open_created').on(t.createdAt.desc(), t.id.desc()).where(sql`${t.closedAt} IS NULL`),
    // Closed per day and resolution times of an agent's departments, without reading every department.
    index('idx_tickets_department_closed').on(t.departmentId, t.closedAt).where(sql`${t.closedAt} IS NOT NULL`),
  ],
);

/**
 * Each ticket's last activity (its `updated_at`) in an order of its own, for the queue's "most
 * recently active" sort (decision 027), with copies of the ticket's department and whether it is
 * open so that an agent's walk reads only their departments' open (or closed) range. A trigger on
 * `tickets` keeps the row whoever writes: with the order here rather than in an index of the
 * ticket row, a reply's update of that row touches no indexed column and stays HOT (one heap
 * write instead of a new entry in every index).
 */
export const ticketActivity = pgTable(
  'ticket_activity',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id').notNull(),
    open: boolean('open').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Admins (every department) and callers with many departments.
    index('idx_ticket_activity_updated').on(t.updatedAt.desc(), t.ticketId.desc()),
    // One department's open or closed tickets, most recently active first.
    index('idx_ticket_activity_department').on(t.departmentId, t.open, t.updatedAt.desc(), t.ticketId.desc()),
  ],
);

export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: id(),
    // No cascade: a conversation never vanishes with a stray DELETE on tickets.
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    /** Internal notes are for agents and admins only. */
    isInternal: boolean('is_internal').notNull().default(false),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english', coalesce(body, ''))`),
    createdAt: createdAt(),
  },
  (t) => [
    index('idx_ticket_messages_ticket').on(t.ticketId, t.createdAt, t.id),
    index('idx_ticket_messages_search').using('gin', t.searchVector).with({ fastupdate: false }),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    messageId: uuid('message_id').references(() => ticketMessages.id),
    uploadedById: uuid('uploaded_by_id')
      .notNull()
      .references(() => users.id),
    /** The cleaned original name: metadata only, never a path on disk. */
    fileName: text('file_name').notNull(),
    /** Sniffed from the content, not taken from the client. */
    mimeType: text('mime_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** Path below UPLOAD_DIR, generated: yyyy/mm/<uuid>. */
    storageKey: text('storage_key').notNull().unique(),
    sha256: text('sha256').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('idx_attachments_ticket').on(t.ticketId), index('idx_attachments_message').on(t.messageId)],
);

export const ticketHistory = pgTable(
  'ticket_history',
  {
    id: id(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    actorId: uuid('actor_id').references(() => users.id),
    /** created, updated, assigned, message_added, note_added, status_changed … */
    action: text('action').notNull(),
    field: text('field'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    /** Events about internal things (notes) are hidden from customers. */
    isInternal: boolean('is_internal').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('idx_ticket_history_ticket').on(t.ticketId, t.createdAt),
    index('idx_ticket_history_created').on(t.createdAt),
  ],
);

/**
 * Ticket creation replays: the same key by the same user returns the same ticket, until the key
 * expires (IDEMPOTENCY_KEY_TTL_HOURS after created_at; the idempotency-keys job deletes it).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    /** The ticket as the first answer showed it: replayed to a caller who can no longer view the ticket. */
    firstAnswer: jsonb('first_answer').$type<Ticket>(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('idempotency_keys_user_key').on(t.userId, t.key),
    // For the ON DELETE CASCADE of a deleted ticket (see idx_notifications_ticket).
    index('idx_idempotency_keys_ticket').on(t.ticketId),
    // For the job that deletes expired keys.
    index('idx_idempotency_keys_created').on(t.createdAt),
  ],
);
