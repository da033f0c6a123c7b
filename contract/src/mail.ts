import { z } from 'zod';
import { successSchema } from './common.js';

/** The optional mails a user may turn off (docs/email.md); account mails always go. */
export const mailPreferencesSchema = z.object({
  ticketReceived: z.boolean(),
  agentReply: z.boolean(),
  ticketResolved: z.boolean(),
  assigned: z.boolean(),
  mentioned: z.boolean(),
  customerReply: z.boolean(),
  slaAlerts: z.boolean(),
});
export type MailPreferences = z.infer<typeof mailPreferencesSchema>;

/** `PUT /api/me/mail-preferences`: the kinds to change. */
export const updateMailPreferencesBodySchema = mailPreferencesSchema.partial().strict();
export type UpdateMailPreferencesBody = z.infer<typeof updateMailPreferencesBodySchema>;

/** `GET /api/me/mail-preferences`: whether mail is configured at all, and the choices. */
export const mailPreferencesStateSchema = z.object({
  mailConfigured: z.boolean(),
  preferences: mailPreferencesSchema,
});
export const mailPreferencesResponseSchema = successSchema(mailPreferencesStateSchema);

/** A message the sender could not deliver (yet): no body, only what an admin needs to act. */
export const mailFailureSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  toAddress: z.string(),
  subject: z.string(),
  /** pending: will be tried again at nextAttemptAt; failed: given up (retry by hand). */
  state: z.enum(['pending', 'failed', 'sent']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string(),
  createdAt: z.string(),
});
export type MailFailure = z.infer<typeof mailFailureSchema>;
export const mailFailuresResponseSchema = successSchema(z.array(mailFailureSchema));

/** `POST /api/auth/forgot-password` (public): the same answer whether or not the address exists. */
export const forgotPasswordBodySchema = z.strictObject({ email: z.email().max(254) });
export type ForgotPasswordBody = z.infer<typeof forgotPasswordBodySchema>;

/** A message that came in by mail on a ticket (staff only): its original can be downloaded as .eml. */
export const inboundMailSchema = z.object({
  id: z.uuid(),
  fromAddress: z.string(),
  subject: z.string(),
  /** reply | agent_reply | ticket */
  outcome: z.string(),
  ticketMessageId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type InboundMail = z.infer<typeof inboundMailSchema>;
export const inboundMailListResponseSchema = successSchema(z.array(inboundMailSchema));
