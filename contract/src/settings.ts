import { z } from 'zod';

/** Every setting an admin can change; later features add theirs here (and to defaultSettings). */
export const settingsSchema = z.object({
  /** Shown in the title bar and on the sign-in page. */
  helpdeskName: z.string(),
  /** Whether anyone may register a customer account. */
  selfSignup: z.boolean(),
  /** Staff (any role with a permission beyond a customer's) must use two-factor sign-in. */
  requireTwoFactorForStaff: z.boolean(),
  /** Public, published knowledge-base articles are readable without signing in. */
  publicHelpCentre: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const updateSettingsBodySchema = z.strictObject({
  helpdeskName: z.string().trim().min(1).max(100).optional(),
  selfSignup: z.boolean().optional(),
  requireTwoFactorForStaff: z.boolean().optional(),
  publicHelpCentre: z.boolean().optional(),
});
export type UpdateSettingsBody = z.infer<typeof updateSettingsBodySchema>;

/** `GET /api/settings/public`: what the sign-in page needs, without signing in. */
export const publicSettingsSchema = z.object({
  helpdeskName: z.string(),
  selfSignup: z.boolean(),
  /** No active SUPER_ADMIN yet: the client shows the setup page. */
  setupNeeded: z.boolean(),
  /** The help centre answers without signing in. */
  publicHelpCentre: z.boolean(),
});
export type PublicSettings = z.infer<typeof publicSettingsSchema>;
