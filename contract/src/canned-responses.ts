import { z } from 'zod';
import { successSchema } from './common.js';
import { tagNameSchema } from './tags.js';
import { ticketRefParamsSchema } from './tickets.js';

/** The placeholders a canned response may use; anything else in `{{ }}` is refused on save. */
export const cannedPlaceholders = [
  'customer.name',
  'customer.email',
  'ticket.number',
  'ticket.subject',
  'agent.name',
  'department.name',
] as const;
export type CannedPlaceholder = (typeof cannedPlaceholders)[number];

/** shared: managed with `canned.manage`, for everyone or one department; personal: the owner's own. */
export const cannedScopes = ['shared', 'personal'] as const;
export type CannedScope = (typeof cannedScopes)[number];

/** At most this many tags added by one response. */
export const MAX_CANNED_TAGS = 10;

/**
 * Changes applied to the ticket when the response is sent. An object so that more can join
 * (e.g. adding tags) without changing the ones there.
 */
export const cannedActionsSchema = z.strictObject({
  setStatusId: z.uuid().optional(),
  setPriorityId: z.uuid().optional(),
  /** Tag names added to the ticket, as saved (normalised; existing tags in their own spelling). */
  addTags: z.array(z.string()).optional(),
});
export type CannedActions = z.infer<typeof cannedActionsSchema>;

/**
 * The actions as sent on save: tag names normalised like tags (the same name twice, ignoring
 * case, is kept once by the server). Apart from the answer's schema, which has no transforms.
 */
export const cannedActionsBodySchema = cannedActionsSchema.extend({
  addTags: z.array(tagNameSchema).max(MAX_CANNED_TAGS, `At most ${MAX_CANNED_TAGS} tags`).optional(),
});

const ref = z.object({ id: z.uuid(), name: z.string() });

/** A file sent with a response; `GET /api/canned-responses/:id/files/:fileId` gives its content. */
export const cannedFileSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
});
export type CannedFile = z.infer<typeof cannedFileSchema>;

/** At most this many files per response. */
export const MAX_CANNED_FILES = 5;

export const cannedResponseSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  /** Plain text with placeholders; render it as text. */
  body: z.string(),
  scope: z.enum(cannedScopes),
  /** Shared ones for one department only; null: for every department. */
  department: ref.nullable(),
  actions: cannedActionsSchema,
  files: z.array(cannedFileSchema),
  usageCount: z.number().int(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CannedResponse = z.infer<typeof cannedResponseSchema>;

const title = z.string().trim().min(1, 'Required').max(120, 'At most 120 characters');
const body = z.string().trim().min(1, 'Required').max(20_000, 'At most 20,000 characters');

/** `POST /api/canned-responses`: `departmentId` only for shared ones. */
export const createCannedResponseBodySchema = z
  .strictObject({
    title,
    body,
    scope: z.enum(cannedScopes),
    departmentId: z.uuid().nullable().default(null),
    actions: cannedActionsBodySchema.default({}),
  })
  .refine((b) => b.scope === 'shared' || b.departmentId === null, {
    message: 'Personal responses are not for a department',
    path: ['departmentId'],
  });
export type CreateCannedResponseBody = z.input<typeof createCannedResponseBodySchema>;

/** `PATCH /api/canned-responses/:id`: the scope stays. */
export const updateCannedResponseBodySchema = z.strictObject({
  title: title.optional(),
  body: body.optional(),
  departmentId: z.uuid().nullable().optional(),
  actions: cannedActionsBodySchema.optional(),
});
export type UpdateCannedResponseBody = z.infer<typeof updateCannedResponseBodySchema>;

/** `GET /api/canned-responses`: the shared ones (canned.manage) or the caller's personal ones. */
export const listCannedResponsesQuerySchema = z.strictObject({
  scope: z.enum(cannedScopes),
  q: z.string().trim().max(200).optional(),
});
export type ListCannedResponsesQuery = z.infer<typeof listCannedResponsesQuerySchema>;

/** `GET /api/tickets/:id/canned-responses`: the ones the caller may use on that ticket. */
export const ticketCannedResponsesQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TicketCannedResponsesQuery = z.infer<typeof ticketCannedResponsesQuerySchema>;

export const cannedFileParamsSchema = z.object({ id: z.uuid(), fileId: z.uuid() });

export const ticketCannedParamsSchema = ticketRefParamsSchema.extend({ responseId: z.uuid() });

/** A response filled in for one ticket. */
export const renderedCannedResponseSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  /** The body with every placeholder filled (plain text). */
  body: z.string(),
  /** The changes to apply on send, as they exist now (a deleted status or priority is left out). */
  actions: z.object({
    setStatus: ref.nullable(),
    setPriority: ref.nullable(),
    /**
     * Tags to add, as spelt by existing tags; names no tag has yet only when the caller may create
     * tags, and none when the caller may not tag tickets.
     */
    addTags: z.array(z.string()),
  }),
  /** Files the composer adds to the message (it downloads and sends them with it). */
  files: z.array(cannedFileSchema),
  /** The ticket's version when it was rendered: the change is sent with it (a stale one is a 409). */
  ticketVersion: z.number().int(),
});
export type RenderedCannedResponse = z.infer<typeof renderedCannedResponseSchema>;

export const cannedResponseResponseSchema = successSchema(cannedResponseSchema);
export const cannedResponseListResponseSchema = successSchema(z.array(cannedResponseSchema));
export const renderedCannedResponseResponseSchema = successSchema(renderedCannedResponseSchema);
export const cannedFileListResponseSchema = successSchema(z.array(cannedFileSchema));
