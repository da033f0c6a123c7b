import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/** PostgreSQL's 64-bit transaction id; read and written as text ('1234'). */
const xid8 = customType<{ data: string }>({
  dataType() {
    return 'xid8';
  },
});

/**
 * What happened, one row per change, written in the transaction of the change
 * (docs/decisions/016-mail-events-outbox.md). `tx_id` is the writing transaction: consumers read
 * in (tx_id, id) order and only transactions older than every running one, so an event whose
 * transaction commits late is never skipped. No foreign keys: events outlive deleted tickets.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
    type: text('type').notNull(),
    ticketId: uuid('ticket_id'),
    actorId: uuid('actor_id'),
    payload: jsonb('payload').notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('idx_events_position').on(t.txId, t.id), index('idx_events_created').on(t.createdAt)],
);

/** Each consumer's position: the last event (tx_id, event_id) it has handled. */
export const eventConsumers = pgTable('event_consumers', {
  consumer: text('consumer').primaryKey(),
  txId: xid8('tx_id').notNull(),
  eventId: bigint('event_id', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Events a consumer could not handle: retried with backoff, `dead` after the last attempt. */
export const eventFailures = pgTable(
  'event_failures',
  {
    consumer: text('consumer').notNull(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    /** retrying | dead */
    state: text('state').notNull().default('retrying'),
    attempts: integer('attempts').notNull().default(1),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.consumer, t.eventId] }),
    index('idx_event_failures_due').on(t.state, t.nextAttemptAt),
  ],
);
