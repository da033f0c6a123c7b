import { z } from 'zod';
import { successSchema } from './common.js';

/** The kinds of admin-defined ticket fields (docs/custom-fields.md). */
export const customFieldTypes = ['text', 'long_text', 'number', 'date', 'checkbox', 'select', 'multi_select'] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

/** The types the queue can filter by (`field=key:value`). */
export const filterableFieldTypes: readonly CustomFieldType[] = ['select', 'multi_select', 'checkbox', 'date'];

/** Lower-case letters, digits and underscores, starting with a letter; never changes once created. */
const fieldKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and underscores, starting with a letter (≤ 40)');
const label = z.string().trim().min(1).max(100);

export const customFieldOptionSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  /** Retired options stay on the tickets that have them but cannot be chosen any more. */
  retired: z.boolean(),
});
export type CustomFieldOption = z.infer<typeof customFieldOptionSchema>;

export const customFieldSchema = z.object({
  id: z.uuid(),
  /** Stable identifier used by the API and the queue filters; immutable. */
  key: z.string(),
  label: z.string(),
  helpText: z.string(),
  type: z.enum(customFieldTypes),
  /** Select and multi select only; in the admin's order. */
  options: z.array(customFieldOptionSchema),
  requiredOnCreate: z.boolean(),
  requiredToClose: z.boolean(),
  /** False: staff only (customers never receive the field or its values). */
  customerVisible: z.boolean(),
  /** Customers may set it (only when customerVisible). */
  customerEditable: z.boolean(),
  /** Empty: every department. */
  departmentIds: z.array(z.uuid()),
  sortOrder: z.number().int(),
  archived: z.boolean(),
});
export type CustomField = z.infer<typeof customFieldSchema>;

export const createCustomFieldBodySchema = z.strictObject({
  key: fieldKey,
  label,
  helpText: z.string().trim().max(500).default(''),
  type: z.enum(customFieldTypes),
  /** Select and multi select: at least one option. */
  options: z.array(z.strictObject({ label })).max(200).default([]),
  requiredOnCreate: z.boolean().default(false),
  requiredToClose: z.boolean().default(false),
  customerVisible: z.boolean().default(false),
  customerEditable: z.boolean().default(false),
  departmentIds: z.array(z.uuid()).max(100).default([]),
});
export type CreateCustomFieldBody = z.input<typeof createCustomFieldBodySchema>;

/** Key and type never change. `options` is the whole list: existing ones by id (rename, retire), new ones without. */
export const updateCustomFieldBodySchema = z
  .strictObject({
    label: label.optional(),
    helpText: z.string().trim().max(500).optional(),
    options: z
      .array(z.strictObject({ id: z.uuid().optional(), label, retired: z.boolean().default(false) }))
      .max(200)
      .optional(),
    requiredOnCreate: z.boolean().optional(),
    requiredToClose: z.boolean().optional(),
    customerVisible: z.boolean().optional(),
    customerEditable: z.boolean().optional(),
    departmentIds: z.array(z.uuid()).max(100).optional(),
    archived: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type UpdateCustomFieldBody = z.input<typeof updateCustomFieldBodySchema>;

/** `PUT /api/custom-fields/order`: every field id, in the new order. */
export const reorderCustomFieldsBodySchema = z.strictObject({
  ids: z
    .array(z.uuid())
    .min(1)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'Field ids must be distinct' }),
});

export const listCustomFieldsQuerySchema = z.strictObject({
  /** Only the fields that apply to this department. */
  departmentId: z.uuid().optional(),
  /** Admins (fields.manage) only: include archived fields. */
  includeArchived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/**
 * A value on the wire: text and long text a string, number a number, date `YYYY-MM-DD`,
 * checkbox a boolean, select an option id, multi select an array of option ids; null clears it.
 * The server checks it against the field's type and options (422 naming the field).
 */
export const customFieldValueSchema = z.union([
  z.string().max(10_000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(100)).max(100),
  z.null(),
]);
export type CustomFieldValue = z.infer<typeof customFieldValueSchema>;

/** Values by field key, on `POST /api/tickets` and `PATCH /api/tickets/:id` (`customFields`). */
export const customFieldValuesSchema = z.record(z.string().max(40), customFieldValueSchema);
export type CustomFieldValues = z.infer<typeof customFieldValuesSchema>;

/**
 * Queue filters, `field=key:value` (repeat or comma-separate): select and multi select an option id
 * (`|` for any of several), checkbox `true`/`false`, date `YYYY-MM-DD`, `from..to`, `from..` or `..to`.
 */
export const customFieldFiltersSchema = z.preprocess(
  (v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((x) => String(x).split(','))
      .map((x) => x.trim())
      .filter(Boolean),
  z
    .array(z.string().regex(/^[a-z][a-z0-9_]{0,39}:.{1,400}$/, 'key:value'))
    .min(1)
    .max(10),
);

/** A field of one ticket as the caller sees it. */
export const ticketCustomFieldSchema = customFieldSchema.extend({
  value: customFieldValueSchema,
  /** The caller may change it (PATCH /api/tickets/:id with customFields). */
  editable: z.boolean(),
});
export type TicketCustomField = z.infer<typeof ticketCustomFieldSchema>;

export const ticketValuesQuerySchema = z.strictObject({
  /** Up to 100 ticket ids (repeat or comma-separate), e.g. the tickets of a queue page. */
  ticketId: z.preprocess(
    (v) => (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).filter(Boolean),
    z.array(z.uuid()).min(1).max(100),
  ),
});

export const customFieldResponseSchema = successSchema(customFieldSchema);
export const customFieldListResponseSchema = successSchema(z.array(customFieldSchema));
export const ticketCustomFieldListResponseSchema = successSchema(z.array(ticketCustomFieldSchema));
/** Values by ticket id, then by field key: only fields and tickets the caller may see. */
export const ticketValuesResponseSchema = successSchema(
  z.record(z.string(), z.record(z.string(), customFieldValueSchema)),
);
