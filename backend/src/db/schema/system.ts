import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';
import { tickets } from './tickets.js';
import { users } from './users.js';

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    /** ticket_assigned, customer_reply, agent_reply, status_changed, mention, new_ticket, followed_reply */
    type: text('type').notNull(),
    /**
     * The message the notification is about (a mention's note), so the client opens the ticket at
     * it. No foreign key: archiving moves messages away, and a stale id only loses the scroll.
     */
    messageId: uuid('message_id'),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    isRead: boolean('is_read').notNull().default(false),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('idx_notifications_user_created').on(t.userId, t.createdAt.desc(), t.id.desc()),
    // The unread-count poll (one small index-only scan), and whether a ticket being opened has
    // unread notifications of its reader (one probe; decision 016-perf16).
    index('idx_notifications_user_unread_ticket').on(t.userId, t.ticketId).where(sql`${t.isRead} = false`),
    index('idx_notifications_created').on(t.createdAt),
    // Deleting or archiving a ticket sets its notifications' ticket_id to NULL: without this each
    // deleted ticket scanned every notification (bench/README.md, finding 10).
    index('idx_notifications_ticket').on(t.ticketId),
  ],
);

/** Key/value settings edited by admins (self-signup, helpdesk name, …). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Who changed what in the admin area, with before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: createdAt(),
  },
  (t) => [index('idx_audit_log_created').on(t.createdAt.desc(), t.id.desc())],
);

/** Rate-limit counters shared by every instance: sign-in throttling and write limits (lib/rate-limit.ts). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
});

/** One row per run of a maintenance job. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: id(),
    job: text('job').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    status: text('status').notNull(),
    summary: jsonb('summary'),
  },
  (t) => [index('idx_job_runs_job_started').on(t.job, t.startedAt.desc())],
);
