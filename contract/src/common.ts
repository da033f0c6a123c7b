import { z } from 'zod';

/**
 * Every error code the API answers with, its HTTP status and what it means. The list is closed:
 * a code missing here is a type error on the server, and docs/errors.md documents each one (a
 * test checks it), so the client can word every code. A code with two statuses lists the usual
 * one first.
 */
export const errorCatalog = {
  VALIDATION_ERROR: { status: 400, meaning: 'The request does not match its schema; `details` name the fields' },
  INVALID_JSON: { status: 400, meaning: 'The body is empty or not valid JSON' },
  BAD_REQUEST: { status: 400, meaning: 'Another malformed request the HTTP layer refused (a URL, a multipart part)' },
  INVALID_RESET_TOKEN: { status: 400, meaning: 'The password reset link is invalid, used or expired' },
  INVALID_EMAIL_CHANGE_TOKEN: {
    status: 400,
    meaning: 'The e-mail confirmation link is invalid, used, expired or replaced by a newer one',
  },
  UNAUTHENTICATED: { status: 401, meaning: 'Sign in first: no valid session cookie or bearer token' },
  INVALID_CREDENTIALS: { status: 401, meaning: 'The email or the password is wrong' },
  TWO_FACTOR_CHALLENGE_INVALID: {
    status: 401,
    meaning: 'The two-factor sign-in step has expired or was used; sign in again',
  },
  INVALID_TWO_FACTOR_CODE: {
    status: [401, 400],
    meaning: 'A wrong, reused or unknown two-factor or recovery code (401 while signing in, 400 when signed in)',
  },
  FORBIDDEN: { status: 403, meaning: 'Signed in, but not allowed to do this' },
  CSRF_REJECTED: { status: 403, meaning: 'A state-changing request came from another site' },
  SIGNUP_DISABLED: { status: 403, meaning: 'Self-signup is turned off' },
  TWO_FACTOR_ENROLMENT_REQUIRED: {
    status: 403,
    meaning: 'The role requires two-factor sign-in; only setting it up is allowed until then',
  },
  NOT_FOUND: { status: 404, meaning: 'No such route or record, or one the caller may not see' },
  CONFLICT: { status: 409, meaning: 'The request conflicts with the current state (e.g. already assigned)' },
  VERSION_CONFLICT: { status: 409, meaning: 'The record changed since it was read; `current` holds it' },
  EMAIL_TAKEN: { status: 409, meaning: 'A user with this email already exists' },
  NAME_TAKEN: { status: 409, meaning: 'A department, role, status or priority with this name already exists' },
  TAG_NAME_TAKEN: { status: 409, meaning: 'Another tag has this name (ignoring case); merge the two instead' },
  MAIL_NOT_CONFIGURED: { status: 409, meaning: 'This needs outgoing mail, and the server has no SMTP_URL' },
  TWO_FACTOR_NOT_ENABLED: { status: 409, meaning: 'Two-factor sign-in is not on' },
  TWO_FACTOR_ALREADY_ENABLED: { status: 409, meaning: 'Two-factor sign-in is already on' },
  TWO_FACTOR_NOT_STARTED: { status: 409, meaning: 'Confirming two-factor sign-in before starting its set-up' },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    meaning: 'The body, a file, the number of files or the ticket total is over a limit',
  },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'The content type of the body or of a file is not accepted' },
  RANGE_NOT_SATISFIABLE: { status: 416, meaning: 'The requested byte range is outside the file' },
  RULE_VIOLATION: { status: 422, meaning: 'Valid input that a rule refuses (e.g. an inactive department)' },
  PRIORITY_NOT_ALLOWED: {
    status: 422,
    meaning: 'A customer chose a priority the settings do not offer customers (customerPriorityIds)',
  },
  ORGANISATION_NAME_TAKEN: { status: 409, meaning: 'Another organisation has this name' },
  KB_SLUG_TAKEN: { status: 409, meaning: 'Another knowledge-base article has (or had) this slug' },
  KB_CATEGORY_NOT_EMPTY: {
    status: 422,
    meaning: 'A knowledge-base category with articles or subcategories cannot be deleted',
  },
  RATING_NOT_REQUESTED: { status: 422, meaning: 'The ticket has no resolution to rate (it was never resolved)' },
  RATING_LOCKED: {
    status: 422,
    meaning: 'A satisfaction rating can be changed only for 7 days after it was given',
  },
  INVALID_RATING_LINK: {
    status: 400,
    meaning: 'The rating link is unknown, used, expired, or for an earlier resolution of the ticket',
  },
  NOT_A_CUSTOMER: {
    status: 422,
    meaning: 'Only customers have a customer page and note and belong to organisations; this user is staff',
  },
  CANNED_UNKNOWN_PLACEHOLDER: {
    status: 422,
    meaning: 'A canned response uses a placeholder the helpdesk does not know; `details` name each one',
  },
  CUSTOM_FIELD_KEY_TAKEN: { status: 409, meaning: 'Another custom field has this key (archived ones included)' },
  CUSTOM_FIELD_INVALID: {
    status: 422,
    meaning: 'A custom field value does not fit its field (type, options, department); `details` name the fields',
  },
  CUSTOM_FIELD_REQUIRED: {
    status: 422,
    meaning: 'Required custom fields are empty (on create, or when closing); `details` name the fields',
  },
  LAST_SUPER_ADMIN: { status: 422, meaning: 'The last active SUPER_ADMIN cannot be demoted or deactivated' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, meaning: 'This Idempotency-Key was used with a different request' },
  RATE_LIMITED: { status: 429, meaning: 'Too many requests; Retry-After says how many seconds to wait' },
  INTERNAL_ERROR: { status: 500, meaning: 'A bug; the same `requestId` is in the server log' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    meaning: 'The database is unreachable or busy, or the server is shutting down; retry shortly',
  },
  SEARCH_TOO_SLOW: { status: 503, meaning: 'The search took too long; narrow it down or try again' },
  CLIENT_NOT_BUILT: { status: 503, meaning: 'The web client is not built (run npm run build)' },
} as const satisfies Record<string, { status: number | readonly number[]; meaning: string }>;

export type ErrorCode = keyof typeof errorCatalog;
export const errorCodes = Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]];

/** The HTTP status(es) a code may be answered with. */
export type ErrorStatus<C extends ErrorCode> = (typeof errorCatalog)[C]['status'] extends infer S
  ? S extends readonly number[]
    ? S[number]
    : S
  : never;

/** A code's usual HTTP status. */
export function errorStatus<C extends ErrorCode>(code: C): ErrorStatus<C> {
  const status: number | readonly number[] = errorCatalog[code].status;
  return (typeof status === 'number' ? status : status[0]) as ErrorStatus<C>;
}

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
    code: z.enum(errorCodes),
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

/**
 * A keyset page: `nextCursor` is null on the last page. A ticket search that walks the newest tickets
 * may answer fewer items than asked, even none, with a `nextCursor` that goes on (docs/tickets.md).
 */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    success: z.literal(true),
    data: z.array(item),
    meta: z.object({ nextCursor: z.string().nullable() }),
  });
}

export const uuidSchema = z.uuid();
export const idParamsSchema = z.object({ id: z.uuid() });
