import { z } from 'zod';
import { attachmentSchema } from './attachments.js';
import { errorResponseSchema, pageSchema, successSchema } from './common.js';
import { customFieldFiltersSchema, customFieldValuesSchema } from './custom-fields.js';
import { slaStates, ticketSlaSummarySchema } from './sla.js';
import { tagNameSchema, tagSchema } from './tags.js';

/** Things the caller may do with a ticket; the detail view lists the ones that apply. */
export const ticketActions = [
  'reply',
  'internal_note',
  'update',
  'change_status',
  'close',
  'reopen',
  'assign',
  'assign_to_me',
  'delete',
] as const;
export type TicketAction = (typeof ticketActions)[number];

export const ticketRefSchema = z.object({ id: z.uuid(), name: z.string() });

export const ticketStatusRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  color: z.string(),
  isClosed: z.boolean(),
});

export const ticketPriorityRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Higher is more urgent. */
  level: z.number().int(),
  color: z.string(),
});

/** One row of the queue. */
export const ticketListItemSchema = z.object({
  id: z.uuid(),
  /** Shown as #1042. */
  number: z.number().int(),
  subject: z.string(),
  status: ticketStatusRefSchema,
  priority: ticketPriorityRefSchema,
  department: ticketRefSchema,
  customer: ticketRefSchema,
  assignee: ticketRefSchema.nullable(),
  /** Messages the caller can see (customers: public replies only). */
  messageCount: z.number().int(),
  /** Newest of creation and the newest message the caller can see. */
  lastActivityAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * Search results only: an excerpt with the matched words between `[[` and `]]`.
   * Plain text: render it as text, never as HTML.
   */
  snippet: z.string().optional(),
  /** Search results only: relevance (higher is better). */
  rank: z.number().optional(),
  /** Staff only (never sent to customers): the ticket's tags by name (docs/tags.md). */
  tags: z.array(tagSchema).optional(),
  /** Staff only, tickets with a service level: the clock's state (docs/sla.md). */
  sla: ticketSlaSummarySchema.optional(),
});
export type TicketListItem = z.infer<typeof ticketListItemSchema>;

export const ticketSchema = ticketListItemSchema.extend({
  description: z.string(),
  closedAt: z.string().nullable(),
  /** Send it back with every update; a stale one is a 409. */
  version: z.number().int(),
  createdBy: ticketRefSchema,
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketMessageSchema = z.object({
  id: z.uuid(),
  /** Plain text or Markdown; always rendered as text. */
  body: z.string(),
  isInternal: z.boolean(),
  author: z.object({ id: z.uuid(), name: z.string(), role: z.string() }),
  createdAt: z.string(),
  /** Files sent with the message (multipart replies). */
  attachments: z.array(attachmentSchema),
});
export type TicketMessage = z.infer<typeof ticketMessageSchema>;

export const ticketDetailSchema = z.object({
  ticket: ticketSchema,
  /** Oldest first; internal notes only for agents and admins. */
  messages: z.array(ticketMessageSchema),
  allowedActions: z.array(z.enum(ticketActions)),
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

export const ticketDetailResponseSchema = successSchema(ticketDetailSchema);
export const ticketPageResponseSchema = pageSchema(ticketListItemSchema);
export const ticketMessageResponseSchema = successSchema(ticketMessageSchema);

/** 409 on a stale `version`: the error plus the ticket as it is now. */
export const versionConflictResponseSchema = errorResponseSchema.extend({ current: ticketSchema.optional() });

const trimmed = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'Required' : `At least ${min} characters`)
    .max(max, `At most ${max} characters`);

/** `POST /api/tickets`. Optional header `Idempotency-Key`. */
export const createTicketBodySchema = z.strictObject({
  /** 1–200 characters after trimming. */
  subject: trimmed(1, 200),
  /** 1–50,000 characters; plain text or Markdown. */
  description: trimmed(1, 50_000),
  departmentId: z.uuid(),
  /** Defaults to the default priority. */
  priorityId: z.uuid().optional(),
  /** Agents and admins file on behalf of this customer; customers may omit it (themselves). */
  customerId: z.uuid().optional(),
  /** Custom field values by key (docs/custom-fields.md). */
  customFields: customFieldValuesSchema.optional(),
});
export type CreateTicketBody = z.infer<typeof createTicketBodySchema>;

export const idempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'Printable ASCII without spaces')
    .optional(),
});

/** `PATCH /api/tickets/:id`: `version` is the one you read; at least one field changes. */
export const updateTicketBodySchema = z
  .strictObject({
    version: z.number().int().min(1),
    subject: trimmed(1, 200).optional(),
    statusId: z.uuid().optional(),
    priorityId: z.uuid().optional(),
    departmentId: z.uuid().optional(),
    /** null unassigns. */
    assignedToId: z.uuid().nullable().optional(),
    /** Custom field values by key; null clears one (docs/custom-fields.md). */
    customFields: customFieldValuesSchema.optional(),
  })
  .refine(
    (b) =>
      b.customFields !== undefined ||
      b.subject !== undefined ||
      b.statusId !== undefined ||
      b.priorityId !== undefined ||
      b.departmentId !== undefined ||
      b.assignedToId !== undefined,
    { message: 'Nothing to change' },
  );
export type UpdateTicketBody = z.infer<typeof updateTicketBodySchema>;

export const createMessageBodySchema = z.strictObject({
  /** 1–50,000 characters; plain text or Markdown. */
  body: trimmed(1, 50_000),
  /** Internal notes are visible to agents and admins only. */
  isInternal: z.boolean().default(false),
  /** Reply and set status in one step (issue 17): the ticket moves to this status in the same transaction. */
  statusId: z.uuid().optional(),
  /** The ticket version you read; with `statusId`, a stale one is a 409 and nothing is sent. */
  version: z.number().int().min(1).optional(),
});
export type CreateMessageBody = z.infer<typeof createMessageBodySchema>;

/** `POST /api/tickets/:id/merge`: this ticket goes into `into` (issue 17). */
export const mergeTicketBodySchema = z.strictObject({
  /** The target: its id or number (#1042). */
  into: z
    .string()
    .trim()
    .regex(/^(#?\d{1,15}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/, {
      message: 'A ticket id (uuid) or number (#1042)',
    }),
});
export type MergeTicketBody = z.infer<typeof mergeTicketBodySchema>;

/** `POST /api/tickets/:id/messages/:messageId/split`: a public message becomes a new ticket (issue 17). */
export const splitMessageBodySchema = z.strictObject({
  /** The new ticket's subject; defaults to the old one's. */
  subject: trimmed(1, 200).optional(),
});
export type SplitMessageBody = z.infer<typeof splitMessageBodySchema>;

/** A merged ticket's old id or number answers 308 with this and `Location` of the target. */
export const mergedRedirectResponseSchema = successSchema(
  z.object({ mergedIntoId: z.uuid(), mergedIntoNumber: z.number().int() }),
);

export const bulkUpdateBodySchema = z.strictObject({
  /** 1–100 distinct ticket ids. */
  ticketIds: z
    .array(z.uuid())
    .min(1)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'Ticket ids must be distinct' }),
  changes: z
    .strictObject({
      statusId: z.uuid().optional(),
      priorityId: z.uuid().optional(),
      departmentId: z.uuid().optional(),
      assignedToId: z.uuid().nullable().optional(),
    })
    .refine(
      (c) =>
        c.statusId !== undefined ||
        c.priorityId !== undefined ||
        c.departmentId !== undefined ||
        c.assignedToId !== undefined,
      { message: 'Nothing to change' },
    ),
});
export type BulkUpdateBody = z.infer<typeof bulkUpdateBodySchema>;

export const bulkResultSchema = z.object({
  ticketId: z.uuid(),
  ok: z.boolean(),
  /** New version when ok. */
  version: z.number().int().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;
export const bulkUpdateResponseSchema = successSchema(z.array(bulkResultSchema));

export const ticketHistoryEntrySchema = z.object({
  id: z.uuid(),
  /** created, updated, status_changed, assigned, message_added, note_added */
  action: z.string(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  isInternal: z.boolean(),
  actor: ticketRefSchema.nullable(),
  createdAt: z.string(),
});
export type TicketHistoryEntry = z.infer<typeof ticketHistoryEntrySchema>;
export const ticketHistoryResponseSchema = successSchema(z.array(ticketHistoryEntrySchema));

export const deleteTicketResponseSchema = successSchema(z.object({ id: z.uuid(), deleted: z.literal(true) }));

/** `:id` is a uuid, `#1042` (URL-encoded as %231042) or `1042`. */
export const ticketRefParamsSchema = z.object({
  id: z.string().regex(/^(#?\d{1,15}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/, {
    message: 'A ticket id (uuid) or number (#1042)',
  }),
});

/** `sla_due`: running SLA clocks only, due soonest first with `order=asc` (docs/sla.md). */
export const ticketSorts = ['created_at', 'updated_at', 'priority', 'number', 'relevance', 'sla_due'] as const;

/** A comma-separated list (or a repeated parameter). */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((x) => String(x).split(','))
        .map((x) => x.trim())
        .filter(Boolean),
    z.array(item).min(1).max(50),
  );

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

/** `GET /api/tickets`: every filter is optional; unknown parameters are a 400. */
export const listTicketsQuerySchema = z.strictObject({
  /** Status ids, or `open` / `closed` (by the status's is_closed). */
  status: z.union([z.enum(['open', 'closed']), list(z.uuid())]).optional(),
  departmentId: list(z.uuid()).optional(),
  priorityId: list(z.uuid()).optional(),
  /** `me`, `none` (unassigned) or a user id. */
  assignee: z.union([z.enum(['me', 'none']), z.uuid()]).optional(),
  customerId: z.uuid().optional(),
  /** The satisfaction rating of the latest resolution: `none` = asked, not answered (issue 20). */
  rating: z.enum(['good', 'bad', 'none']).optional(),
  /** Tickets of the organisation's members (docs/customers.md). */
  organisationId: z.uuid().optional(),
  /** Staff only: tickets whose SLA is in this state (docs/sla.md). */
  sla: z.enum(slaStates).optional(),
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  updatedFrom: isoDate.optional(),
  updatedTo: isoDate.optional(),
  /** Staff only: tickets with any of / all of / none of these tag names (docs/tags.md). */
  tagsAny: list(tagNameSchema).optional(),
  tagsAll: list(tagNameSchema).optional(),
  tagsNone: list(tagNameSchema).optional(),
  /**
   * Full-text search over subject, description and messages; `#1042` jumps to that ticket.
   * Staff: `tag:billing` (or `tag:"two words"`) in it filters by that tag like `tagsAll`.
   */
  q: z.string().trim().max(500, 'At most 500 characters').optional(),
  /** Default `created_at`, or `relevance` when `q` is given. */
  sort: z.enum(ticketSorts).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** `meta.nextCursor` of the previous page (same filters and sort). */
  cursor: z.string().max(1000).optional(),
  /** Custom field filters `key:value` (docs/custom-fields.md). */
  field: customFieldFiltersSchema.optional(),
});
export type ListTicketsQuery = z.infer<typeof listTicketsQuerySchema>;

export const splitMessageParamsSchema = ticketRefParamsSchema.extend({ messageId: z.uuid() });
