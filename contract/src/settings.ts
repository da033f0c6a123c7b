import { z } from 'zod';
import { localeSchema } from './users.js';

/** Every setting an admin can change; later features add theirs here (and to defaultSettings). */
export const settingsSchema = z.object({
  /** Shown in the title bar and on the sign-in page. */
  helpdeskName: z.string(),
  /** Whether anyone may register a customer account. */
  selfSignup: z.boolean(),
  /** Staff (any role with a permission beyond a customer's) must use two-factor sign-in. */
  requireTwoFactorForStaff: z.boolean(),
  /**
   * The priorities customers may choose when they file a ticket; null: every priority but those
   * of the highest level (Urgent). Staff choose any.
   */
  customerPriorityIds: z.array(z.uuid()).nullable(),
  /**
   * The language of users who chose none and of the sign-in page (unless this browser chose one);
   * null: each visitor's browser language.
   */
  defaultLocale: localeSchema.nullable(),
  /** Public, published knowledge-base articles are readable without signing in. */
  publicHelpCentre: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const updateSettingsBodySchema = z.strictObject({
  helpdeskName: z.string().trim().min(1).max(100).optional(),
  selfSignup: z.boolean().optional(),
  requireTwoFactorForStaff: z.boolean().optional(),
  /** null goes back to the default (all but the highest level). */
  customerPriorityIds: z.array(z.uuid()).max(100).nullable().optional(),
  defaultLocale: localeSchema.nullable().optional(),
  publicHelpCentre: z.boolean().optional(),
});
export type UpdateSettingsBody = z.infer<typeof updateSettingsBodySchema>;

/** `GET /api/settings/public`: what the sign-in page needs, without signing in. */
export const publicSettingsSchema = z.object({
  helpdeskName: z.string(),
  selfSignup: z.boolean(),
  /** See `settingsSchema.defaultLocale`. */
  defaultLocale: localeSchema.nullable(),
  /** No active SUPER_ADMIN yet: the client shows the setup page. */
  setupNeeded: z.boolean(),
  /** SMTP_URL is set: "Forgot password?" and the mail preferences are offered (docs/email.md). */
  mailConfigured: z.boolean(),
  /** The priorities a customer may choose (customerPriorityIds resolved against the priorities). */
  customerPriorityIds: z.array(z.uuid()),
  /** What the server accepts as attachments, so the browser can check files before sending them. */
  uploads: z.object({
    /** MAX_UPLOAD_MB: the largest one file may be. */
    maxFileBytes: z.number().int(),
    /** MAX_FILES_PER_MESSAGE: files in one request. */
    maxFiles: z.number().int(),
    /** MAX_TICKET_UPLOAD_MB: all files of one ticket together. */
    maxTicketBytes: z.number().int(),
    /** Accepted types (sniffed from the content on the server), e.g. `image/png`. */
    acceptedTypes: z.array(z.string()),
  }),
  /** The help centre answers without signing in. */
  publicHelpCentre: z.boolean(),
});
export type PublicSettings = z.infer<typeof publicSettingsSchema>;
