import { z } from 'zod';

/** Every error the API can answer with; the HTTP status goes with the code. */
export const errorCodes = [
  'VALIDATION_ERROR',
  'INVALID_JSON',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'VERSION_CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RULE_VIOLATION',
  /** A customer chose a priority the settings do not offer customers (customerPriorityIds). */
  'PRIORITY_NOT_ALLOWED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
  /** Knowledge base: another article has (or had) this slug. */
  'KB_SLUG_TAKEN',
  /** Knowledge base: a category with articles or subcategories cannot be deleted. */
  'KB_CATEGORY_NOT_EMPTY',
] as const;
export type ErrorCode = (typeof errorCodes)[number] | (string & {});

/** One problem with the input: `path` names the field, e.g. `body.subject`. */
export const errorDetailSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

/** The one shape of every error response. */
export const errorResponseSchema = z.object({
  success: z.literal(false),
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(errorDetailSchema).optional(),
    /** Present on 5xx answers: the same id is in the server log. */
    requestId: z.string().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Wraps a payload in the success envelope `{ success: true, data }`. */
export function successSchema<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), data });
}

/** A keyset page: `nextCursor` is null on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    success: z.literal(true),
    data: z.array(item),
    meta: z.object({ nextCursor: z.string().nullable() }),
  });
}

export const uuidSchema = z.uuid();
export const idParamsSchema = z.object({ id: z.uuid() });
