import {
  errorResponseSchema,
  rateBodySchema,
  rateByLinkBodySchema,
  ratingLinkBodySchema,
  ratingLinkIssuedResponseSchema,
  ratingLinkResponseSchema,
  satisfactionSummaryResponseSchema,
  ticketRefParamsSchema,
  ticketSatisfactionResponseSchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createSatisfactionService } from './satisfaction.service.js';

const tags = ['satisfaction'];

/** Satisfaction ratings (issue 20): thin handlers over satisfaction.service. */
export async function satisfactionRoutes(app: FastifyInstance, deps: AppDeps) {
  const csat = createSatisfactionService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/tickets/:id/satisfaction',
    {
      schema: {
        tags,
        summary: "The ticket's satisfaction ratings, one per resolution (whoever may see the ticket)",
        params: ticketRefParamsSchema,
        response: { 200: ticketSatisfactionResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await csat.forTicket(requestActor(req), req.params.id) }),
  );

  r.put(
    '/api/tickets/:id/satisfaction',
    {
      schema: {
        tags,
        summary: 'Rate the latest resolution good or bad (the ticket’s customer; changeable for 7 days)',
        params: ticketRefParamsSchema,
        body: rateBodySchema,
        response: { 200: ticketSatisfactionResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await csat.rate(requestActor(req), req.params.id, req.body) }),
  );

  r.post(
    '/api/tickets/:id/satisfaction/link',
    {
      schema: {
        tags,
        summary: 'A new single-use rating link for the latest resolution (the ticket’s customer)',
        params: ticketRefParamsSchema,
        response: { 200: ratingLinkIssuedResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await csat.issueLink(requestActor(req), req.params.id) }),
  );

  r.post(
    '/api/satisfaction/link',
    {
      config: { public: true, writeLimit: 'ratings' },
      schema: {
        tags,
        summary: 'What a rating link is for (public; the token is in the body to keep it out of URLs and logs)',
        body: ratingLinkBodySchema,
        response: { 200: ratingLinkResponseSchema, 429: errorResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await csat.readLink(req.body.token) }),
  );

  r.post(
    '/api/satisfaction/rate',
    {
      config: { public: true, writeLimit: 'ratings' },
      schema: {
        tags,
        summary: 'Rate through a rating link without signing in (public; the link is then used up)',
        body: rateByLinkBodySchema,
        response: { 200: ratingLinkResponseSchema, 429: errorResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await csat.rateByLink(req.body) }),
  );

  r.get(
    '/api/satisfaction/summary',
    {
      schema: {
        tags,
        summary: 'CSAT over 7 and 30 days by department and agent, with the latest comments (reports.view)',
        response: { 200: satisfactionSummaryResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await req.heavyRead((db) => csat.summary(requestActor(req), db)),
    }),
  );
}
