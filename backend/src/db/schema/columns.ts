import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../lib/ids.js';

/**
 * uuid primary key: time-ordered when the server writes the row (lib/ids.ts), random
 * (`gen_random_uuid()`) when SQL inserts it without one.
 */
export const id = () => uuid('id').primaryKey().defaultRandom().$defaultFn(newId);

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** PostgreSQL full-text document; only ever written by generated columns. */
export const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});

/** A file in UPLOAD_DIR (the attachment pipeline's StoredFile): name, sniffed type, size, key, hash. */
export const storedFile = () => ({
  fileName: text('file_name').notNull(),
  mimeType: text('mime_type').notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  storageKey: text('storage_key').notNull().unique(),
  sha256: text('sha256').notNull(),
});

/**
 * Filled by a BEFORE INSERT trigger: an insert sends `default`, and the trigger sets it before
 * NOT NULL is checked (so drizzle does not ask the caller for it).
 */
const byTrigger = () => sql`default`;

/**
 * Copies of the row's ticket's department and open state, kept by triggers whoever writes
 * (migrations 0027, 0032 and 0033), so that a queue filter narrows to the caller's departments and open
 * tickets before it reads any ticket.
 */
export const ticketStateCopies = () => ({
  departmentId: uuid('department_id').notNull().$defaultFn(byTrigger),
  ticketOpen: boolean('ticket_open').notNull().$defaultFn(byTrigger),
});

/** The row's ticket's creation time, kept like ticketStateCopies (migrations 0032 and 0033). */
export const ticketCreatedAtCopy = () =>
  timestamp('ticket_created_at', { withTimezone: true }).notNull().$defaultFn(byTrigger);
