import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ticketCreatedAtCopy, ticketStateCopies, updatedAt } from './columns.js';
import { tickets } from './tickets.js';

/** One option of a select field; ids stay when an option is renamed or retired. */
export interface CustomFieldOptionRow {
  id: string;
  label: string;
  retired: boolean;
}

/** Admin-defined ticket fields (docs/custom-fields.md, decision 015). */
export const customFields = pgTable('custom_fields', {
  id: id(),
  /** Immutable slug used by the API and the queue filters. */
  key: text('key').notNull().unique(),
  label: text('label').notNull(),
  helpText: text('help_text').notNull().default(''),
  /** text, long_text, number, date, checkbox, select, multi_select */
  type: text('type').notNull(),
  options: jsonb('options').$type<CustomFieldOptionRow[]>().notNull().default([]),
  requiredOnCreate: boolean('required_on_create').notNull().default(false),
  requiredToClose: boolean('required_to_close').notNull().default(false),
  customerVisible: boolean('customer_visible').notNull().default(false),
  customerEditable: boolean('customer_editable').notNull().default(false),
  /** Empty: every department. Department ids are checked by the departments service on write. */
  departmentIds: uuid('department_ids').array().notNull().default(sql`'{}'::uuid[]`),
  sortOrder: integer('sort_order').notNull().default(0),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * One typed value per ticket and field (decision 015): each type has its column, so filters
 * compare typed values through indexes. Selects keep option ids (one for select, several for
 * multi select) in `value_options`.
 */
export const ticketFieldValues = pgTable(
  'ticket_field_values',
  {
    // No cascade: a ticket's values go with it explicitly (delete, archive), never silently.
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    fieldId: uuid('field_id')
      .notNull()
      .references(() => customFields.id, { onDelete: 'cascade' }),
    valueText: text('value_text'),
    valueNumber: numeric('value_number'),
    valueDate: date('value_date'),
    valueBool: boolean('value_bool'),
    valueOptions: uuid('value_options').array(),
    updatedAt: updatedAt(),
    // The ticket's department and open state (migration 0027), so that a rare value's filter drops
    // other departments' and closed tickets before reading any ticket; its creation time (0033),
    // so that "newest first with a common option" walks the field's own rows of a department.
    ...ticketStateCopies(),
    ticketCreatedAt: ticketCreatedAtCopy(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.fieldId] }),
    // Select filters: option ids are unique across fields, so the option alone finds the rows.
    index('idx_ticket_field_values_options').using('gin', t.valueOptions),
    // A rare option's queue filter: its open (or closed) tickets of the queue's departments only,
    // one key per option, department and open state (migration 0030, decision 015).
    index('idx_ticket_field_values_option_keys').using(
      'gin',
      sql`helpdesk_field_option_keys(${t.valueOptions}, ${t.departmentId}, ${t.ticketOpen})`,
    ),
    // The queue's newest tickets with a common select option in a department (decision 015): the
    // field's rows in order, the options last so that an index-only walk checks them.
    index('idx_ticket_field_values_walk').on(
      t.fieldId,
      t.departmentId,
      t.ticketOpen,
      t.ticketCreatedAt.desc(),
      t.ticketId.desc(),
      t.valueOptions,
    ),
    index('idx_ticket_field_values_date').on(t.fieldId, t.valueDate, t.ticketId).where(sql`${t.valueDate} IS NOT NULL`),
    index('idx_ticket_field_values_checked').on(t.fieldId, t.ticketId).where(sql`${t.valueBool}`),
  ],
);
