import { z } from 'zod';
import { emailSchema, localeSchema, passwordSchema, personNameSchema, userSchema } from './users.js';

/** `POST /api/setup`, `POST /api/auth/register`. */
export const registerBodySchema = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  password: passwordSchema,
});
export type RegisterBody = z.infer<typeof registerBodySchema>;
export const setupBodySchema = registerBodySchema;
export type SetupBody = RegisterBody;

export const setupStateSchema = z.object({ needed: z.boolean() });
export type SetupState = z.infer<typeof setupStateSchema>;

/** `POST /api/auth/login`: any stored password is accepted here, so only the upper bound applies. */
export const loginBodySchema = z.strictObject({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** `{ user }`: the answer of setup, register, login and me. */
export const userEnvelopeSchema = z.object({ user: userSchema });
export type UserEnvelope = z.infer<typeof userEnvelopeSchema>;

/** `PATCH /api/auth/me`: a new password needs the current one; `locale: null` goes back to the default. */
export const updateMeBodySchema = z
  .strictObject({
    name: personNameSchema.optional(),
    locale: localeSchema.nullable().optional(),
    /** Staff only: notify me of new unassigned tickets in my departments. */
    notifyNewUnassigned: z.boolean().optional(),
    currentPassword: z.string().min(1).max(256).optional(),
    newPassword: passwordSchema.optional(),
  })
  .refine((b) => !b.newPassword || b.currentPassword, {
    message: 'The current password is required to set a new one',
    path: ['currentPassword'],
  });
export type UpdateMeBody = z.infer<typeof updateMeBodySchema>;

/**
 * `POST /api/auth/me/email` (needs mail): the new address gets a confirmation link; the account's
 * address changes only when it is opened. The current password proves it is the owner asking.
 */
export const changeEmailBodySchema = z.strictObject({
  email: emailSchema,
  currentPassword: z.string().min(1).max(256),
});
export type ChangeEmailBody = z.infer<typeof changeEmailBodySchema>;
/** The change waiting for its link to be opened. */
export const pendingEmailChangeSchema = z.object({ email: z.string(), expiresAt: z.string() });
export type PendingEmailChange = z.infer<typeof pendingEmailChangeSchema>;

/** `POST /api/auth/confirm-email` (public): the token from the confirmation link. */
export const confirmEmailBodySchema = z.strictObject({ token: z.string().min(1).max(200) });
export type ConfirmEmailBody = z.infer<typeof confirmEmailBodySchema>;
export const confirmedEmailSchema = z.object({ email: z.string() });

/** `POST /api/auth/reset-password` (public): the token from a reset link. */
export const resetPasswordBodySchema = z.strictObject({
  token: z.string().min(1).max(200),
  password: passwordSchema,
});
export type ResetPasswordBody = z.infer<typeof resetPasswordBodySchema>;

export const okSchema = z.object({ ok: z.literal(true) });

/** One of the caller's own signed-in browsers. */
export const sessionSchema = z.object({
  id: z.uuid(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

export const revokedCountSchema = z.object({ revoked: z.number().int() });

/** An API token as listed: never the secret. */
export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** First characters of the secret, to tell tokens apart. */
  tokenPrefix: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createApiTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Omitted: the token does not expire. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiTokenBody = z.infer<typeof createApiTokenBodySchema>;

/** The answer of token creation: `secret` is shown this once and never again. */
export const createdApiTokenSchema = z.object({ token: apiTokenSchema, secret: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
