import { z } from 'zod';
import { permissions } from './permissions.js';

/** Email as stored: trimmed and lower-cased; unique without regard to case. */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/**
 * 12 to 256 characters (Unicode code points), any characters. Never returned or logged. Where a
 * password is chosen the server also refuses one that is easy to guess (lib/password-strength.ts).
 */
export const passwordSchema = z
  .string()
  .refine((v) => [...v].length >= 12, 'At least 12 characters')
  .refine((v) => [...v].length <= 256, 'At most 256 characters');

/** The languages the web client is translated into (its catalogues); the first is the fallback. */
export const locales = ['en', 'de'] as const;
export const localeSchema = z.enum(locales);
export type Locale = z.infer<typeof localeSchema>;

/** A person's display name, 1–100 characters. */
export const personNameSchema = z.string().trim().min(1).max(100);

/** A user as every endpoint shows it. Never a password hash. */
export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.object({ id: z.uuid(), name: z.string() }),
  /** Effective permissions (SUPER_ADMIN: all of them). */
  permissions: z.array(z.string()),
  /** Departments the user is a member of. */
  departmentIds: z.array(z.uuid()),
  isActive: z.boolean(),
  /** The user's chosen language; null: the helpdesk's default (or the browser's). */
  locale: localeSchema.nullable(),
  /** Staff: a notification for each new unassigned ticket in their departments. */
  notifyNewUnassigned: z.boolean(),
  /** ISO 8601, null before the first sign-in. */
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** `GET /api/users` filters; `role` is a role name or id, `q` matches name or email. */
export const listUsersQuerySchema = z.strictObject({
  role: z.string().trim().min(1).max(100).optional(),
  active: booleanQuery.optional(),
  departmentId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

/** `POST /api/users`: without a password the user sets one through a reset link. */
export const createUserBodySchema = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  roleId: z.uuid(),
  departmentIds: z.array(z.uuid()).max(100).optional(),
  password: passwordSchema.optional(),
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

/** `PATCH /api/users/:id`: only these fields; anything else is a 400. */
export const updateUserBodySchema = z.strictObject({
  email: emailSchema.optional(),
  name: personNameSchema.optional(),
  roleId: z.uuid().optional(),
  departmentIds: z.array(z.uuid()).max(100).optional(),
  isActive: z.boolean().optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

/** `POST /api/users/:id/reset-link`: shown once to the admin, who passes it on. */
export const resetLinkSchema = z.object({
  token: z.string(),
  /** Path of the client page that sets the password. */
  url: z.string(),
  expiresAt: z.string(),
  /** True when the link was also sent to the user by e-mail (mail configured; docs/email.md). */
  mailed: z.boolean().optional(),
});
export type ResetLink = z.infer<typeof resetLinkSchema>;

export const permissionSchema = z.enum(permissions);
