import { z } from 'zod';
import { successSchema } from './common.js';

/** Service levels (docs/sla.md): calendars, policies and each ticket's clock. */

const hhmm = z.string().regex(/^(?:([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'A time like 09:00 (24:00 = end of day)');

/** Open on `day` (1 = Monday … 7 = Sunday) from `start` to `end`; an end at or before the start crosses midnight. */
export const slaIntervalSchema = z.strictObject({
  day: z.number().int().min(1).max(7),
  start: hhmm,
  end: hhmm,
});
export type SlaInterval = z.infer<typeof slaIntervalSchema>;

/** A closed local date; `yearly` repeats it every year on the same month and day. */
export const slaHolidaySchema = z.strictObject({
  date: z.iso.date(),
  yearly: z.boolean().default(false),
  name: z.string().trim().max(100).optional(),
});
export type SlaHoliday = z.infer<typeof slaHolidaySchema>;

export const slaCalendarSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** IANA time zone, e.g. Europe/Berlin. */
  timeZone: z.string(),
  isDefault: z.boolean(),
  hours: z.array(slaIntervalSchema),
  holidays: z.array(slaHolidaySchema),
  /** Departments that use this calendar instead of the default one. */
  departmentIds: z.array(z.uuid()),
});
export type SlaCalendar = z.infer<typeof slaCalendarSchema>;

export const createSlaCalendarBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'Required').max(100),
  timeZone: z.string().trim().min(1, 'Required').max(64),
  isDefault: z.boolean().optional(),
  hours: z.array(slaIntervalSchema).min(1, 'At least one opening interval').max(100),
  holidays: z.array(slaHolidaySchema).max(500).default([]),
  departmentIds: z.array(z.uuid()).max(500).optional(),
});
export type CreateSlaCalendarBody = z.infer<typeof createSlaCalendarBodySchema>;
/** Only the fields sent change (no defaults: a PATCH without `holidays` keeps them). */
export const updateSlaCalendarBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'Required').max(100).optional(),
  timeZone: z.string().trim().min(1, 'Required').max(64).optional(),
  isDefault: z.boolean().optional(),
  hours: z.array(slaIntervalSchema).min(1, 'At least one opening interval').max(100).optional(),
  holidays: z.array(slaHolidaySchema).max(500).optional(),
  departmentIds: z.array(z.uuid()).max(500).optional(),
});
export type UpdateSlaCalendarBody = z.infer<typeof updateSlaCalendarBodySchema>;

const minutes = z.number().int().min(1).max(525_600).nullable();

/** The targets for one priority, in business minutes; null: no target of that kind. */
export const slaTargetSchema = z.strictObject({
  priorityId: z.uuid(),
  firstResponseMinutes: minutes,
  nextResponseMinutes: minutes,
  resolutionMinutes: minutes,
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

export const slaPolicySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Null: every department without a policy of its own. */
  departmentId: z.uuid().nullable(),
  /** Null: the department's calendar, else the default calendar (24/7 UTC when there is none). */
  calendarId: z.uuid().nullable(),
  /** Warn when this share of a target has passed. */
  warningPercent: z.number().int(),
  targets: z.array(slaTargetSchema),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const createSlaPolicyBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'Required').max(100),
  departmentId: z.uuid().nullable().default(null),
  calendarId: z.uuid().nullable().default(null),
  warningPercent: z.number().int().min(1).max(99).default(80),
  targets: z.array(slaTargetSchema).max(50),
});
export type CreateSlaPolicyBody = z.infer<typeof createSlaPolicyBodySchema>;
export const updateSlaPolicyBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'Required').max(100).optional(),
  departmentId: z.uuid().nullable().optional(),
  calendarId: z.uuid().nullable().optional(),
  warningPercent: z.number().int().min(1).max(99).optional(),
  targets: z.array(slaTargetSchema).max(50).optional(),
});
export type UpdateSlaPolicyBody = z.infer<typeof updateSlaPolicyBodySchema>;

/** ok / warning (past the warning threshold) / breached / paused (status pauses the clock) / met (nothing pending). */
export const slaStates = ['ok', 'warning', 'breached', 'paused', 'met'] as const;
export type SlaState = (typeof slaStates)[number];
export const slaTargetKinds = ['first_response', 'next_response', 'resolution'] as const;
export type SlaTargetKind = (typeof slaTargetKinds)[number];

/** A ticket's SLA in the queue (staff only). */
export const ticketSlaSummarySchema = z.object({
  state: z.enum(slaStates),
  /** The earliest pending due time while the clock runs. */
  dueAt: z.string().nullable(),
  dueKind: z.enum(slaTargetKinds).nullable(),
  /** Business minutes left until dueAt (0 once breached). */
  businessMinutesLeft: z.number().int().nullable(),
});
export type TicketSlaSummary = z.infer<typeof ticketSlaSummarySchema>;

/** `GET /api/tickets/:id/sla` (staff only): the policy, each target and its state. */
export const ticketSlaSchema = ticketSlaSummarySchema.extend({
  policy: z.object({ id: z.uuid().nullable(), name: z.string() }),
  calendar: z.object({ name: z.string(), timeZone: z.string() }),
  warningPercent: z.number().int(),
  pausedAt: z.string().nullable(),
  targets: z.array(
    z.object({
      kind: z.enum(slaTargetKinds),
      minutes: z.number().int(),
      dueAt: z.string().nullable(),
      /** When the target was met (first reply, next reply, resolution). */
      metAt: z.string().nullable(),
      state: z.enum(slaStates),
    }),
  ),
});
export type TicketSla = z.infer<typeof ticketSlaSchema>;

/** `GET /api/sla/report`: compliance over the last `days` days. */
export const slaReportQuerySchema = z.strictObject({
  days: z.coerce
    .number()
    .int()
    .refine((d) => d === 7 || d === 30, '7 or 30')
    .default(7),
});
export const slaComplianceRowSchema = z.object({
  departmentId: z.uuid(),
  departmentName: z.string(),
  priorityId: z.uuid(),
  priorityName: z.string(),
  firstResponseMet: z.number().int(),
  firstResponseBreached: z.number().int(),
  resolutionMet: z.number().int(),
  resolutionBreached: z.number().int(),
});
export const slaReportSchema = z.object({
  days: z.number().int(),
  rows: z.array(slaComplianceRowSchema),
  breachesToday: z.number().int(),
});
export type SlaReport = z.infer<typeof slaReportSchema>;

export const slaCalendarResponseSchema = successSchema(slaCalendarSchema);
export const slaCalendarListResponseSchema = successSchema(z.array(slaCalendarSchema));
export const slaPolicyResponseSchema = successSchema(slaPolicySchema);
export const slaPolicyListResponseSchema = successSchema(z.array(slaPolicySchema));
export const ticketSlaResponseSchema = successSchema(ticketSlaSchema.nullable());
export const slaReportResponseSchema = successSchema(slaReportSchema);
export const slaDeletedResponseSchema = successSchema(z.object({ id: z.uuid(), deleted: z.literal(true) }));
