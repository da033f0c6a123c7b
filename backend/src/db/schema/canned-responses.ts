import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, storedFile, updatedAt } from './columns.js';
import { departments, users } from './users.js';

/** What a canned response changes when it is sent (ids checked on save; stale ones are skipped). */
export interface CannedActionsColumn {
  setStatusId?: string;
  setPriorityId?: string;
  /** Tag names, normalised; applied through the tags module with the sender's rights. */
  addTags?: string[];
}

/**
 * Canned responses: `shared` ones (for everyone, or for one department when department_id is set)
 * and `personal` ones (owner_id; only the owner sees them).
 */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: id(),
    title: text('title').notNull(),
    /** Plain text with {{placeholders}}; filled for a ticket when it is used. */
    body: text('body').notNull(),
    /** shared | personal */
    scope: text('scope').notNull(),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    actions: jsonb('actions').$type<CannedActionsColumn>().notNull().default({}),
    usageCount: integer('usage_count').notNull().default(0),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('idx_canned_responses_owner').on(t.ownerId),
    index('idx_canned_responses_department').on(t.departmentId),
    check(
      'canned_responses_scope_check',
      sql`(${t.scope} = 'personal' AND ${t.ownerId} IS NOT NULL AND ${t.departmentId} IS NULL) OR (${t.scope} = 'shared' AND ${t.ownerId} IS NULL)`,
    ),
  ],
);

/** Files sent with a canned response: the composer adds copies to the message (stored in UPLOAD_DIR). */
export const cannedResponseFiles = pgTable(
  'canned_response_files',
  {
    id: id(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => cannedResponses.id, { onDelete: 'cascade' }),
    uploadedById: uuid('uploaded_by_id').references(() => users.id, { onDelete: 'set null' }),
    ...storedFile(),
    createdAt: createdAt(),
  },
  (t) => [index('idx_canned_response_files_response').on(t.responseId)],
);
