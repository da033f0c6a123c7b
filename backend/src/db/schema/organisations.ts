import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.js';
import { users } from './users.js';

/** Customers' companies (issue 16): a name, e-mail domains and whether members share tickets. */
export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    name: text('name').notNull(),
    /** Lower-case e-mail domains (`example.com`) that identify the organisation's people. */
    domains: text('domains').array().notNull().default(sql`'{}'::text[]`),
    /** When on, members list, read and reply to each other's tickets (never internal notes). */
    membersSeeTickets: boolean('members_see_tickets').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('organisations_name_lower_key').on(sql`lower(${t.name})`)],
);

/** A customer belongs to at most one organisation: the user id is the key. */
export const organisationMembers = pgTable(
  'organisation_members',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('idx_organisation_members_org').on(t.organisationId, t.userId)],
);

/** The private staff note about a customer: one per customer, never shown to customers. */
export const customerNotes = pgTable('customer_notes', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  body: text('body').notNull(),
  updatedById: uuid('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
});
