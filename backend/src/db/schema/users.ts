import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.js';

export const roles = pgTable('roles', {
  id: id(),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  /** Permission strings, e.g. ["tickets.view_all"]. */
  permissions: jsonb('permissions').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  /** Built-in roles cannot be deleted. */
  isSystem: boolean('is_system').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** argon2id; null until the user sets a password through a reset link. */
    passwordHash: text('password_hash'),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
    isActive: boolean('is_active').notNull().default(true),
    /** The user's language (a client catalogue, e.g. 'de'); null: the helpdesk's default. */
    locale: text('locale'),
    /** Staff: notify me of each new unassigned ticket in my departments (issue 17). */
    notifyNewUnassigned: boolean('notify_new_unassigned').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    index('idx_users_role').on(t.roleId),
    index('idx_users_name_id').on(t.name, t.id),
  ],
);

export const departments = pgTable('departments', {
  id: id(),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  isActive: boolean('is_active').notNull().default(true),
  /** Round-robin assignment of new tickets among the department's active agents. */
  autoAssign: boolean('auto_assign').notNull().default(false),
  /** The agent who got the last auto-assigned ticket (round-robin position). */
  lastAssignedUserId: uuid('last_assigned_user_id').references(() => users.id, { onDelete: 'set null' }),
  /**
   * An agent's public reply on a ticket in the default status (Open) moves it to this status
   * (issue 17). No foreign key (ticket_statuses is defined after departments): an unknown or
   * deleted status is ignored where it is applied.
   */
  replyStatusId: uuid('reply_status_id'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Agents (and admins) belong to departments. */
export const departmentMembers = pgTable(
  'department_members',
  {
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.userId] }), index('idx_department_members_user').on(t.userId)],
);
