import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ticketCreatedAtCopy, ticketStateCopies, updatedAt } from './columns.js';
import { tickets } from './tickets.js';
import { users } from './users.js';

/** Free tags on tickets (docs/tags.md); names are normalised by the tags module, unique ignoring case. */
export const tags = pgTable(
  'tags',
  {
    id: id(),
    name: text('name').notNull(),
    /** `#rrggbb`, or null for the default chip colour. */
    color: text('color'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('tags_name_lower').on(sql`lower(${t.name})`)],
);

/** Which ticket has which tag. The primary key serves "tags of a ticket", the index the queue filter. */
export const ticketTags = pgTable(
  'ticket_tags',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    // The ticket's department, open state and creation time (migration 0032), so that "newest first
    // with this tag" walks the tag's own rows of a department in order.
    ...ticketStateCopies(),
    ticketCreatedAt: ticketCreatedAtCopy(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.tagId] }),
    index('idx_ticket_tags_tag').on(t.tagId, t.ticketId),
    // The queue's newest tickets with a tag in a department (decision 013).
    index('idx_ticket_tags_walk').on(
      t.tagId,
      t.departmentId,
      t.ticketOpen,
      t.ticketCreatedAt.desc(),
      t.ticketId.desc(),
    ),
  ],
);
