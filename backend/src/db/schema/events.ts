import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';

/**
 * What happened, one row per change, written in the transaction of the change
 * (docs/decisions/020-mail-events-outbox.md). Writers hold a shared advisory lock while they
 * insert; a consumer reads up to the newest id it saw under the exclusive lock, so an event whose
 * transaction commits late is never skipped. No foreign keys: events outlive deleted tickets.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    ticketId: uuid('ticket_id'),
    actorId: uuid('actor_id'),
    payload: jsonb('payload').notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('idx_events_created').on(t.createdAt)],
);

/** Each consumer's position: the last event id it has handled. */
export const eventConsumers = pgTable('event_consumers', {
  consumer: text('consumer').primaryKey(),
  eventId: bigint('event_id', { mode: 'number' }).notNull(),
  updatedAt: updatedAt(),
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
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.consumer, t.eventId] }),
    index('idx_event_failures_due').on(t.state, t.nextAttemptAt),
  ],
);
