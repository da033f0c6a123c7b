import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.js';
import { tickets } from './tickets.js';
import { departments } from './users.js';

/** What a ticket's SLA was started with: a copy of the policy's targets, so editing a policy affects new tickets only. */
export interface SlaTermsJson {
  policyId: string;
  policyName: string;
  /** Null: the department's calendar, else the default one, else 24/7 UTC (resolved when computing). */
  calendarId: string | null;
  warningPercent: number;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

/** Business-hours calendars (docs/sla.md); owned by the sla module. */
export const slaCalendars = pgTable(
  'sla_calendars',
  {
    id: id(),
    name: text('name').notNull().unique(),
    /** IANA zone, e.g. Europe/Berlin. */
    timeZone: text('time_zone').notNull(),
    /** [{ day: 1–7 (Monday = 1), start: "09:00", end: "17:00" }]; an end at or before the start crosses midnight. */
    hours: jsonb('hours').$type<{ day: number; start: string; end: string }[]>().notNull(),
    /** [{ date: "2026-12-25", yearly: true, name? }]. */
    holidays: jsonb('holidays').$type<{ date: string; yearly: boolean; name?: string }[]>().notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sla_calendars_one_default').on(t.isDefault).where(sql`${t.isDefault}`)],
);

/** A department's own calendar, overriding the default one. */
export const slaDepartmentCalendars = pgTable('sla_department_calendars', {
  departmentId: uuid('department_id')
    .primaryKey()
    .references(() => departments.id, { onDelete: 'cascade' }),
  calendarId: uuid('calendar_id')
    .notNull()
    .references(() => slaCalendars.id, { onDelete: 'cascade' }),
});

/** SLA policies: targets per priority, for one department or (department null) for all others. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: id(),
    name: text('name').notNull().unique(),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'cascade' }),
    calendarId: uuid('calendar_id').references(() => slaCalendars.id, { onDelete: 'set null' }),
    warningPercent: integer('warning_percent').notNull().default(80),
    /** [{ priorityId, firstResponseMinutes, nextResponseMinutes, resolutionMinutes }] (null: no target). */
    targets: jsonb('targets')
      .$type<
        {
          priorityId: string;
          firstResponseMinutes: number | null;
          nextResponseMinutes: number | null;
          resolutionMinutes: number | null;
        }[]
      >()
      .notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // One policy per department, and one for every other department.
  (t) => [
    uniqueIndex('sla_policies_department').on(
      sql`coalesce(${t.departmentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/**
 * A ticket's SLA clock, 1:1 with tickets (docs/decisions/018-sla-due-times.md). `due_at` is the
 * earliest pending due time while the clock runs (null when paused, closed or nothing is pending):
 * the queue sorts and filters by it through idx_ticket_sla_due.
 */
export const ticketSla = pgTable(
  'ticket_sla',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    policyId: uuid('policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
    /**
     * A copy of tickets.department_id, written with every clock write (syncTicketSla runs on each
     * department change): a department's running clocks are one range of
     * idx_ticket_sla_department_due. No foreign key, the ticket's own one holds. NOT NULL is set
     * by the migration after its backfill (docs/decisions/018-sla-due-times.md).
     */
    departmentId: uuid('department_id'),
    terms: jsonb('terms').$type<SlaTermsJson>().notNull(),
    /** When the clock started (the ticket's creation). */
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true }),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    /** A customer message after an agent's reply, waiting for the next reply. */
    awaitingReplySince: timestamp('awaiting_reply_since', { withTimezone: true }),
    /** paused_ms when awaiting_reply_since was set: pauses after it push the next-response due time. */
    replyPausedBaseMs: bigint('reply_paused_base_ms', { mode: 'number' }).notNull().default(0),
    nextResponseDueAt: timestamp('next_response_due_at', { withTimezone: true }),
    resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** Set while the ticket is in a status that pauses the clock (or a closed one). */
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    /** Business time spent paused before paused_at. */
    pausedMs: bigint('paused_ms', { mode: 'number' }).notNull().default(0),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** first_response | next_response | resolution: which target due_at is. */
    dueKind: text('due_kind'),
    warnAt: timestamp('warn_at', { withTimezone: true }),
    /** 0 nothing sent for due_at, 1 the warning, 2 the breach; back to 0 when due_at changes. */
    alertLevel: smallint('alert_level').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('idx_ticket_sla_due').on(t.dueAt, t.ticketId).where(sql`${t.dueAt} IS NOT NULL`),
    // An agent's queue by due time or SLA state: an ordered walk of each of their departments.
    index('idx_ticket_sla_department_due').on(t.departmentId, t.dueAt, t.ticketId).where(sql`${t.dueAt} IS NOT NULL`),
    // The alert job: running clocks whose warning or breach was not sent yet.
    index('idx_ticket_sla_alerts').on(t.warnAt).where(sql`${t.dueAt} IS NOT NULL AND ${t.alertLevel} < 2`),
    index('idx_ticket_sla_paused').on(t.pausedAt).where(sql`${t.pausedAt} IS NOT NULL`),
    index('idx_ticket_sla_policy').on(t.policyId),
  ],
);

/**
 * Warnings and breaches sent, one row each (the unique key makes "once" hold across instances);
 * the dashboard counts today's breaches here.
 */
export const slaAlerts = pgTable(
  'sla_alerts',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    target: text('target').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.kind, t.target, t.dueAt] }),
    index('idx_sla_alerts_created').on(t.createdAt),
  ],
);
