import {
  confirmTwoFactorBodySchema,
  disableTwoFactorBodySchema,
  errorResponseSchema,
  okSchema,
  recoveryCodesSchema,
  regenerateRecoveryCodesBodySchema,
  successSchema,
  twoFactorSetupSchema,
  twoFactorStatusSchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createTwoFactorService } from './two-factor.service.js';

/** The caller's own two-factor sign-in (issue 13); the sign-in step itself is in auth.routes. */
export async function twoFactorRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const twoFactor = createTwoFactorService({ database, config });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const codes = successSchema(recoveryCodesSchema);
  const refused = { 400: errorResponseSchema, 409: errorResponseSchema, 429: errorResponseSchema };

  r.get(
    '/api/auth/two-factor',
    {
      schema: {
        tags,
        summary: 'Your two-factor sign-in: on, pending, recovery codes left, required',
        response: { 200: successSchema(twoFactorStatusSchema) },
      },
    },
    async (req) => ({ success: true as const, data: await twoFactor.status(requestActor(req)) }),
  );
  r.post(
    '/api/auth/two-factor/setup',
    {
      schema: {
        tags,
        summary: 'Start enrolment: a new secret with its QR code (off until confirmed with a code)',
        response: { 201: successSchema(twoFactorSetupSchema), 409: errorResponseSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ success: true as const, data: await twoFactor.startEnrolment(requestActor(req)) }),
  );
  r.post(
    '/api/auth/two-factor/confirm',
    {
      schema: {
        tags,
        summary: 'Turn two-factor sign-in on with a current code; answers ten recovery codes, shown once',
        body: confirmTwoFactorBodySchema,
        response: { 200: codes, ...refused },
      },
    },
    async (req) => ({
      success: true as const,
      data: await twoFactor.confirmEnrolment(requestActor(req), req.body),
    }),
  );
  r.post(
    '/api/auth/two-factor/recovery-codes',
    {
      schema: {
        tags,
        summary: 'Ten new recovery codes (needs a current code); the old ones stop working',
        body: regenerateRecoveryCodesBodySchema,
        response: { 200: codes, ...refused },
      },
    },
    async (req) => ({
      success: true as const,
      data: await twoFactor.regenerateRecoveryCodes(requestActor(req), req.body),
    }),
  );
  r.post(
    '/api/auth/two-factor/disable',
    {
      schema: {
        tags,
        summary: 'Turn two-factor sign-in off (needs the password and a code or a recovery code)',
        body: disableTwoFactorBodySchema,
        response: { 200: successSchema(okSchema), ...refused },
      },
    },
    async (req) => {
      await twoFactor.disable(requestActor(req), req.body);
      return { success: true as const, data: { ok: true as const } };
    },
  );
}
