import { index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.js';
import { tickets } from './tickets.js';
import { users } from './users.js';

/**
 * Who is on a ticket page now (issue 17): one row per ticket and staff member, upserted by each
 * heartbeat with a short expiry; expired rows are ignored by the read and overwritten by the next
 * heartbeat. Kept in PostgreSQL so that every server process sees the same presence.
 */
export const presence = pgTable(
  'presence',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** viewing | typing-reply | typing-note */
    state: text('state').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  // The user's index: a heartbeat drops that user's expired rows, so the table holds only live ones.
  (t) => [primaryKey({ columns: [t.ticketId, t.userId] }), index('idx_presence_user').on(t.userId)],
);

/**
 * Unsent replies, notes and new tickets (issue 17), one per user, ticket and kind; a new ticket's
 * draft has no ticket. Removed when the message is sent.
 */
export const drafts = pgTable(
  'drafts',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    /** reply | note | new-ticket */
    kind: text('kind').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('drafts_owner_kind').on(t.userId, t.ticketId, t.kind).nullsNotDistinct(),
    // Deleting or archiving a ticket finds its drafts by this index (db/migrate.test.ts).
    index('idx_drafts_ticket').on(t.ticketId),
  ],
);

/**
 * Staff following a ticket (issue 17): told of each new customer message on it. Added by the
 * follow button, by a public reply and by a mention; the followers module owns it.
 */
export const ticketFollowers = pgTable(
  'ticket_followers',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId] }), index('idx_ticket_followers_user').on(t.userId)],
);
