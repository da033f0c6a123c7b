import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.js';
import { users } from './users.js';

/**
 * Mail to send (docs/email.md): written in the transaction of what caused it (the mail consumer's
 * event transaction, or an account change), sent by the mail worker. `message_id` is fixed here, so
 * a message sent twice after a crash carries the same Message-ID.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    messageId: text('message_id').notNull().unique(),
    /** ticket_received, agent_reply, ticket_resolved, assigned, mentioned, customer_reply, invitation, password_reset, test */
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** No foreign key: the log of what was sent outlives a deleted ticket. */
    ticketId: uuid('ticket_id'),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** Extra headers (In-Reply-To, References, Auto-Submitted). */
    headers: jsonb('headers').notNull().default({}),
    /** pending | sent | failed (permanent: kept for inspection, retried only by an admin) */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('idx_mail_outbox_due').on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index('idx_mail_outbox_state_created').on(t.state, t.createdAt.desc()),
    index('idx_mail_outbox_ticket').on(t.ticketId),
  ],
);

/** Which optional mails a user does not want (the kinds they turned off on their profile). */
export const mailPreferences = pgTable('mail_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  off: text('off').array().notNull().default(sql`'{}'::text[]`),
  updatedAt: updatedAt(),
});

/**
 * Every incoming message we looked at (docs/email.md, "Incoming"): a Message-ID is claimed here
 * before it is imported, so it is never imported twice (IMAP and the MTA pipe may both see it).
 * `raw` keeps the original .eml of imported messages for staff to download.
 */
export const mailInbound = pgTable(
  'mail_inbound',
  {
    id: id(),
    messageId: text('message_id').notNull().unique(),
    fromAddress: text('from_address').notNull(),
    subject: text('subject').notNull().default(''),
    /** processing | reply | agent_reply | ticket | ignored | refused | rate_limited */
    outcome: text('outcome').notNull().default('processing'),
    reason: text('reason'),
    /** No foreign key: the log outlives a deleted ticket. */
    ticketId: uuid('ticket_id'),
    ticketMessageId: uuid('ticket_message_id'),
    raw: text('raw'),
    createdAt: createdAt(),
  },
  (t) => [index('idx_mail_inbound_ticket').on(t.ticketId), index('idx_mail_inbound_created').on(t.createdAt.desc())],
);
