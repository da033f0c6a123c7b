import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.js';
import { departments } from './users.js';

/**
 * Admin-managed webhook endpoints (docs/webhooks.md). The secret signs every delivery, so the
 * server must read it back: it is kept as it is (like SMTP_URL's password) and shown once.
 */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: id(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  /** Event types sent (ticket.created, message.added …). */
  events: text('events').array().notNull(),
  /** Only tickets of this department; null: every department. */
  departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'cascade' }),
  /** Internal notes are sent only when this is on. */
  includeInternal: boolean('include_internal').notNull().default(false),
  active: boolean('active').notNull().default(true),
  /** Deliveries given up in a row; reaching the limit turns the endpoint off. */
  failuresInRow: integer('failures_in_row').notNull().default(0),
  disabledReason: text('disabled_reason'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * One row per (endpoint, event), written by the webhooks consumer in the event's transaction and
 * sent by the webhook sender; the id is the `X-Helpdesk-Delivery` header, the same on every attempt.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    eventType: text('event_type').notNull(),
    /** The JSON body, fixed when the event was handled (what the ticket looked like then). */
    payload: jsonb('payload').notNull(),
    /** pending | delivered | failed */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('uq_webhook_deliveries_endpoint_event').on(t.endpointId, t.eventId),
    index('idx_webhook_deliveries_due').on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index('idx_webhook_deliveries_endpoint_created').on(t.endpointId, t.createdAt.desc()),
  ],
);
