import { z } from 'zod';
import { userEnvelopeSchema } from './auth.js';

/** A six-digit code from an authenticator app (RFC 6238); spaces are ignored ("123 456"). */
export const totpCodeSchema = z
  .string()
  .max(20)
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Six digits'));

/** A one-time recovery code as shown (`ABCD-EFGH-IJKL-MNOP`); case, spaces and dashes are ignored. */
export const recoveryCodeSchema = z
  .string()
  .max(64)
  .transform((v) => v.toUpperCase().replace(/[\s-]+/g, ''))
  .pipe(z.string().regex(/^[A-Z2-7]{16}$/, 'A recovery code has 16 letters and digits'));

/** `GET /api/auth/two-factor`: the caller's two-factor sign-in. */
export const twoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  /** ISO 8601; null while off. */
  enabledAt: z.string().nullable(),
  /** An enrolment was started and waits for its confirmation code. */
  pending: z.boolean(),
  /** Unused recovery codes (0 while off). */
  recoveryCodesLeft: z.number().int(),
  /** The admin setting requires two-factor sign-in for the caller's role. */
  required: z.boolean(),
  /** Required but not enabled: every other call answers 403 TWO_FACTOR_ENROLMENT_REQUIRED. */
  enrolmentRequired: z.boolean(),
});
export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>;

/** `POST /api/auth/two-factor/setup`: a new secret, not active until confirmed with a code. */
export const twoFactorSetupSchema = z.object({
  /** Base32, for typing into an authenticator app by hand. */
  secret: z.string(),
  /** `otpauth://totp/…`, what the QR code holds. */
  otpauthUri: z.string(),
  /** The QR code as a `data:image/png;base64,…` URL. */
  qrCode: z.string(),
});
export type TwoFactorSetup = z.infer<typeof twoFactorSetupSchema>;

/** `POST /api/auth/two-factor/confirm`. */
export const confirmTwoFactorBodySchema = z.strictObject({
  code: totpCodeSchema,
  /** End the caller's other sessions (created before enrolment); default true. */
  signOutOtherSessions: z.boolean().default(true),
});
export type ConfirmTwoFactorBody = z.input<typeof confirmTwoFactorBodySchema>;

/** Ten new one-time recovery codes: shown this once, stored hashed. */
export const recoveryCodesSchema = z.object({
  recoveryCodes: z.array(z.string()),
  /** Confirmation only: how many other sessions were signed out. */
  signedOutSessions: z.number().int().optional(),
});
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

/** `POST /api/auth/two-factor/recovery-codes`: new codes need a current code from the app. */
export const regenerateRecoveryCodesBodySchema = z.strictObject({ code: totpCodeSchema });
export type RegenerateRecoveryCodesBody = z.infer<typeof regenerateRecoveryCodesBodySchema>;

const oneCode = <T extends { code?: string; recoveryCode?: string }>(b: T) =>
  (b.code === undefined) !== (b.recoveryCode === undefined);
const oneCodeError = { message: 'Give either a code from the app or a recovery code', path: ['code'] };

/** `POST /api/auth/two-factor/disable`: the password and a code (or a recovery code). */
export const disableTwoFactorBodySchema = z
  .strictObject({
    password: z.string().min(1).max(256),
    code: totpCodeSchema.optional(),
    recoveryCode: recoveryCodeSchema.optional(),
  })
  .refine(oneCode, oneCodeError);
export type DisableTwoFactorBody = z.infer<typeof disableTwoFactorBodySchema>;

/** `POST /api/auth/login` when the account has two-factor sign-in: no session yet. */
export const twoFactorChallengeSchema = z.object({
  twoFactorRequired: z.literal(true),
  /** Single use, valid until `expiresAt`: send it with the code to `POST /api/auth/login/two-factor`. */
  challengeToken: z.string(),
  expiresAt: z.string(),
});
export type TwoFactorChallenge = z.infer<typeof twoFactorChallengeSchema>;

/** The answer of `POST /api/auth/login`: signed in, or a second step to take. */
export const loginResultSchema = z.union([userEnvelopeSchema, twoFactorChallengeSchema]);
export type LoginResult = z.infer<typeof loginResultSchema>;

/** `POST /api/auth/login/two-factor`: the challenge and a code from the app or a recovery code. */
export const twoFactorLoginBodySchema = z
  .strictObject({
    challengeToken: z.string().min(1).max(200),
    code: totpCodeSchema.optional(),
    recoveryCode: recoveryCodeSchema.optional(),
  })
  .refine(oneCode, oneCodeError);
export type TwoFactorLoginBody = z.infer<typeof twoFactorLoginBodySchema>;
