import { z } from 'zod';
import { successSchema } from './common.js';

/** Longest tag name, in characters, after normalising. */
export const TAG_NAME_MAX = 50;

/**
 * A tag name as it is stored and compared: trimmed, inner whitespace collapsed to one space.
 * Names are unique ignoring case; the first spelling used is kept.
 */
export const normaliseTagName = (raw: string) => raw.trim().replace(/\s+/g, ' ');

/** 1–50 characters after normalising; no commas (lists of tags are comma-separated). */
export const tagNameSchema = z
  .string()
  .transform(normaliseTagName)
  .pipe(
    z
      .string()
      .min(1, 'Required')
      .max(TAG_NAME_MAX, `At most ${TAG_NAME_MAX} characters`)
      .regex(/^[^,]+$/, 'No commas'),
  );

/** `#rrggbb`; null for the default chip colour. */
export const tagColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour like #1c7ed6');

/** A tag as it is shown on a ticket or in the queue (staff only). */
export const tagSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  color: z.string().nullable(),
});
export type Tag = z.infer<typeof tagSchema>;

/** A tag on the admin page: with the number of tickets that carry it. */
export const tagWithUsageSchema = tagSchema.extend({ ticketCount: z.number().int() });
export type TagWithUsage = z.infer<typeof tagWithUsageSchema>;

/** `GET /api/tags`: autocomplete, names starting with (then containing) `q`, most used first. */
export const searchTagsQuerySchema = z.strictObject({
  q: z.string().trim().max(TAG_NAME_MAX).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type SearchTagsQuery = z.infer<typeof searchTagsQuerySchema>;

/** `POST /api/tickets/:id/tags`: an existing tag by name (any case), or a new one (`tags.create`). */
export const addTicketTagBodySchema = z.strictObject({
  name: tagNameSchema,
  /** Only used when the tag is created now. */
  color: tagColorSchema.nullable().optional(),
});
export type AddTicketTagBody = z.infer<typeof addTicketTagBodySchema>;

export const ticketTagParamsSchema = z.object({
  id: z.string().regex(/^(#?\d{1,15}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/, {
    message: 'A ticket id (uuid) or number (#1042)',
  }),
  tagId: z.uuid(),
});

/** `POST /api/tags/bulk`: add and remove tags on up to 100 tickets in one transaction. */
export const bulkTagsBodySchema = z
  .strictObject({
    ticketIds: z
      .array(z.uuid())
      .min(1)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'Ticket ids must be distinct' }),
    add: z.array(tagNameSchema).max(20).default([]),
    remove: z.array(tagNameSchema).max(20).default([]),
  })
  .refine((b) => b.add.length + b.remove.length > 0, { message: 'Nothing to change' });
export type BulkTagsBody = z.infer<typeof bulkTagsBodySchema>;

/** One ticket of a bulk tagging: skipped tickets say why (not found / not allowed). */
export const bulkTagResultSchema = z.object({
  ticketId: z.uuid(),
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type BulkTagResult = z.infer<typeof bulkTagResultSchema>;

/** `PATCH /api/tags/:id` (`tags.manage`): rename (unique ignoring case) and/or recolour. */
export const updateTagBodySchema = z
  .strictObject({ name: tagNameSchema.optional(), color: tagColorSchema.nullable().optional() })
  .refine((b) => b.name !== undefined || b.color !== undefined, { message: 'Nothing to change' });
export type UpdateTagBody = z.infer<typeof updateTagBodySchema>;

/** `POST /api/tags/:id/merge` (`tags.manage`): the tickets of this tag get `intoId`; this tag is removed. */
export const mergeTagBodySchema = z.strictObject({ intoId: z.uuid() });
export type MergeTagBody = z.infer<typeof mergeTagBodySchema>;

export const tagListResponseSchema = successSchema(z.array(tagSchema));
export const tagResponseSchema = successSchema(tagSchema);
export const tagUsageListResponseSchema = successSchema(z.array(tagWithUsageSchema));
export const bulkTagsResponseSchema = successSchema(z.array(bulkTagResultSchema));
export const tagDeletedResponseSchema = successSchema(z.object({ id: z.uuid(), deleted: z.literal(true) }));
