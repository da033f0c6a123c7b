import {
  idParamsSchema,
  inboundMailListResponseSchema,
  mailFailuresResponseSchema,
  mailPreferencesResponseSchema,
  okSchema,
  successSchema,
  ticketRefParamsSchema,
  updateMailPreferencesBodySchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { inboundService } from './inbound.service.js';
import { createMailService } from './mail.service.js';

const tags = ['mail'];
const answer = <T>(data: T) => ({ success: true as const, data });

/** Mail preferences (everyone signed in) and undelivered mail (admins): thin handlers over mail.service. */
export async function mailRoutes(app: FastifyInstance, deps: AppDeps) {
  const mail = createMailService(deps);
  const inbound = inboundService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/me/mail-preferences',
    {
      schema: {
        tags,
        summary: 'Which e-mails I get (and whether mail is configured)',
        response: { 200: mailPreferencesResponseSchema },
      },
    },
    async (req) => answer(await mail.preferences(requestActor(req))),
  );

  r.put(
    '/api/me/mail-preferences',
    {
      schema: {
        tags,
        summary: 'Turn kinds of e-mail on or off (account mails always go)',
        body: updateMailPreferencesBodySchema,
        response: { 200: mailPreferencesResponseSchema },
      },
    },
    async (req) => answer(await mail.setPreferences(requestActor(req), req.body)),
  );

  r.get(
    '/api/mail/failures',
    {
      schema: {
        tags,
        summary: 'Mail that could not be delivered yet or at all, newest first (settings.manage)',
        response: { 200: mailFailuresResponseSchema },
      },
    },
    async (req) => answer(await mail.failures(requestActor(req))),
  );

  r.post(
    '/api/mail/failures/:id/retry',
    {
      schema: {
        tags,
        summary: 'Send an undelivered message again now (settings.manage)',
        params: idParamsSchema,
        response: { 200: successSchema(okSchema) },
      },
    },
    async (req) => {
      await mail.retry(requestActor(req), req.params.id);
      return answer({ ok: true as const });
    },
  );

  r.get(
    '/api/tickets/:id/mail-originals',
    {
      schema: {
        tags,
        summary: 'Messages of a ticket that came in by e-mail (staff who see the ticket)',
        params: ticketRefParamsSchema,
        response: { 200: inboundMailListResponseSchema },
      },
    },
    async (req) => answer(await inbound.listForTicket(requestActor(req), req.params.id)),
  );

  r.get(
    '/api/mail/inbound/:id/original',
    {
      schema: {
        tags,
        summary: 'The original e-mail (.eml) of an imported message (staff who see its ticket)',
        params: idParamsSchema,
      },
    },
    async (req, reply) => {
      const raw = await inbound.original(requestActor(req), req.params.id);
      // Staff download it; never shown inline (it is someone else's HTML).
      return reply
        .type('message/rfc822')
        .header('Content-Disposition', `attachment; filename="message-${req.params.id}.eml"`)
        .send(raw);
    },
  );
}
