import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id } from './columns.js';
import { tickets } from './tickets.js';
import { departments, users } from './users.js';

/**
 * Satisfaction ratings (issue 20): one row per resolution of a ticket, made in the transaction
 * that moved the ticket into a closed status. The department, assignee and number are those at
 * resolution, so the dashboard's figures do not move when the ticket is later moved or reassigned.
 */
export const satisfactionRatings = pgTable(
  'satisfaction_ratings',
  {
    id: id(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    ticketNumber: bigint('ticket_number', { mode: 'number' }).notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    /** The assignee at resolution: the agent the rating counts for. */
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    /** False once the ticket was resolved again (a newer row is current). */
    isCurrent: boolean('is_current').notNull().default(true),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** good | bad; null until the customer answers. */
    rating: text('rating'),
    comment: text('comment'),
    /** When the rating was first given: it can be changed for 7 days after. */
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    changedAt: timestamp('changed_at', { withTimezone: true }),
    /** SHA-256 of the one live rating link (lib/tokens.ts); the link itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }).notNull(),
    tokenUsedAt: timestamp('token_used_at', { withTimezone: true }),
  },
  (t) => [
    // One current request per ticket; also the queue's rating filter (EXISTS … WHERE is_current).
    uniqueIndex('satisfaction_ratings_current').on(t.ticketId).where(sql`is_current`),
    index('idx_satisfaction_ratings_ticket').on(t.ticketId, t.requestedAt),
    // The dashboard reads ratings given in the last 30 days.
    index('idx_satisfaction_ratings_rated').on(t.ratedAt).where(sql`rated_at IS NOT NULL`),
  ],
);
