import {
  apiTokenSchema,
  changeEmailBodySchema,
  confirmEmailBodySchema,
  confirmedEmailSchema,
  createApiTokenBodySchema,
  createdApiTokenSchema,
  errorResponseSchema,
  forgotPasswordBodySchema,
  idParamsSchema,
  loginBodySchema,
  loginResultSchema,
  okSchema,
  pendingEmailChangeSchema,
  registerBodySchema,
  resetPasswordBodySchema,
  revokedCountSchema,
  sessionSchema,
  successSchema,
  twoFactorLoginBodySchema,
  updateMeBodySchema,
  userEnvelopeSchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from './actor.js';
import { createAuthService } from './auth.service.js';
import { createEmailChangeService } from './email-change.service.js';
import { clearSessionCookie, clientInfo, readSessionCookie, setSessionCookie } from './session-cookie.js';

export async function authRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const auth = createAuthService({ database, config });
  const emailChange = createEmailChangeService({ database, config });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const userEnvelope = successSchema(userEnvelopeSchema);
  const ok = successSchema(okSchema);
  const limited = { 429: errorResponseSchema };

  r.post(
    '/api/auth/register',
    {
      config: { public: true, writeLimit: 'signups' },
      schema: {
        tags,
        summary: 'Create a customer account and sign in (when self-signup is on)',
        security: [],
        body: registerBodySchema,
        response: { 201: userEnvelope, ...limited },
      },
    },
    async (req, reply) => {
      const signedIn = await auth.register(clientInfo(req), req.body);
      setSessionCookie(reply, config, signedIn);
      return reply.code(201).send({ success: true as const, data: { user: signedIn.user } });
    },
  );

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Sign in: sets the helpdesk_session cookie, or answers a two-factor challenge for POST /api/auth/login/two-factor',
        security: [],
        body: loginBodySchema,
        response: { 200: successSchema(loginResultSchema), 401: errorResponseSchema, ...limited },
      },
    },
    async (req, reply) => {
      const result = await auth.login(clientInfo(req), req.body);
      if ('challengeToken' in result) return { success: true as const, data: result };
      setSessionCookie(reply, config, result);
      return { success: true as const, data: { user: result.user } };
    },
  );

  r.post(
    '/api/auth/login/two-factor',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign-in, second step: the challenge and a code from the app or a recovery code',
        security: [],
        body: twoFactorLoginBodySchema,
        response: { 200: userEnvelope, 401: errorResponseSchema, ...limited },
      },
    },
    async (req, reply) => {
      const signedIn = await auth.loginWithTwoFactor(clientInfo(req), req.body);
      setSessionCookie(reply, config, signedIn);
      return { success: true as const, data: { user: signedIn.user } };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { public: true },
      schema: { tags, summary: 'Sign out: ends this session, clears the cookie', security: [], response: { 200: ok } },
    },
    async (req, reply) => {
      await auth.logout(readSessionCookie(req));
      clearSessionCookie(reply, config);
      return { success: true as const, data: { ok: true as const } };
    },
  );

  r.get(
    '/api/auth/me',
    { schema: { tags, summary: 'The signed-in user', response: { 200: userEnvelope } } },
    async (req) => ({ success: true as const, data: { user: await auth.me(requestActor(req)) } }),
  );

  r.patch(
    '/api/auth/me',
    {
      schema: {
        tags,
        summary: 'Change your name or password (a new password needs the current one; ends other sessions)',
        body: updateMeBodySchema,
        response: { 200: userEnvelope, ...limited },
      },
    },
    async (req, reply) => {
      const result = await auth.updateMe(requestActor(req), clientInfo(req), req.body);
      if (result.session) setSessionCookie(reply, config, result.session);
      return { success: true as const, data: { user: result.user } };
    },
  );

  r.post(
    '/api/auth/me/email',
    {
      schema: {
        tags,
        summary:
          'Change your e-mail address: mails a confirmation link to the new one (needs mail and your current password)',
        body: changeEmailBodySchema,
        response: { 200: successSchema(pendingEmailChangeSchema), ...limited },
      },
    },
    async (req) => ({ success: true as const, data: await emailChange.request(requestActor(req), req.body) }),
  );

  r.post(
    '/api/auth/confirm-email',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Confirm a new e-mail address with the token from the link mailed to it',
        security: [],
        body: confirmEmailBodySchema,
        // 409: the address was taken by another account since the link was sent.
        response: { 200: successSchema(confirmedEmailSchema), 409: errorResponseSchema, ...limited },
      },
    },
    async (req) => ({ success: true as const, data: await emailChange.confirm(req.ip, req.body) }),
  );

  r.post(
    '/api/auth/reset-password',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Set a password with a one-time reset link token',
        security: [],
        body: resetPasswordBodySchema,
        response: { 200: ok, ...limited },
      },
    },
    async (req) => {
      await auth.resetPassword(clientInfo(req), req.body);
      return { success: true as const, data: { ok: true as const } };
    },
  );

  r.post(
    '/api/auth/forgot-password',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Mail a reset link to this address if it has an account (same answer either way; needs mail)',
        security: [],
        body: forgotPasswordBodySchema,
        response: { 200: ok, ...limited },
      },
    },
    async (req) => {
      await auth.forgotPassword(clientInfo(req), req.body);
      return { success: true as const, data: { ok: true as const } };
    },
  );

  r.get(
    '/api/auth/sessions',
    { schema: { tags, summary: 'Your signed-in sessions', response: { 200: successSchema(z.array(sessionSchema)) } } },
    async (req) => ({ success: true as const, data: await auth.listSessions(requestActor(req)) }),
  );
  r.delete(
    '/api/auth/sessions',
    {
      schema: {
        tags,
        summary: 'Sign out everywhere else (keeps this session)',
        response: { 200: successSchema(revokedCountSchema) },
      },
    },
    async (req) => ({
      success: true as const,
      data: { revoked: await auth.revokeOtherSessions(requestActor(req)) },
    }),
  );
  r.delete(
    '/api/auth/sessions/:id',
    { schema: { tags, summary: 'End one of your sessions', params: idParamsSchema, response: { 200: ok } } },
    async (req) => {
      await auth.revokeSession(requestActor(req), req.params.id);
      return { success: true as const, data: { ok: true as const } };
    },
  );

  r.post(
    '/api/auth/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (the secret is shown once)',
        body: createApiTokenBodySchema,
        response: { 201: successSchema(createdApiTokenSchema) },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ success: true as const, data: await auth.createApiToken(requestActor(req), req.body) }),
  );
  r.get(
    '/api/auth/tokens',
    { schema: { tags, summary: 'Your API tokens', response: { 200: successSchema(z.array(apiTokenSchema)) } } },
    async (req) => ({ success: true as const, data: await auth.listApiTokens(requestActor(req)) }),
  );
  r.delete(
    '/api/auth/tokens/:id',
    { schema: { tags, summary: 'Revoke one of your API tokens', params: idParamsSchema, response: { 200: ok } } },
    async (req) => {
      await auth.revokeApiToken(requestActor(req), req.params.id);
      return { success: true as const, data: { ok: true as const } };
    },
  );
}
