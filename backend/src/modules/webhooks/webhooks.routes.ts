import {
  createdWebhookResponseSchema,
  createWebhookBodySchema,
  idParamsSchema,
  okSchema,
  successSchema,
  updateWebhookBodySchema,
  webhookDeliveriesResponseSchema,
  webhookDeliveryParamsSchema,
  webhookEndpointResponseSchema,
  webhookEndpointsResponseSchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createWebhookService } from './webhooks.service.js';

const tags = ['webhooks'];
const answer = <T>(data: T) => ({ success: true as const, data });

/** Webhook endpoints and their deliveries (settings.manage): thin handlers over webhooks.service. */
export async function webhookRoutes(app: FastifyInstance, deps: AppDeps) {
  const hooks = createWebhookService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/webhooks',
    {
      schema: {
        tags,
        summary: 'Webhook endpoints (settings.manage)',
        response: { 200: webhookEndpointsResponseSchema },
      },
    },
    async (req) => answer(await hooks.list(requestActor(req))),
  );

  r.post(
    '/api/webhooks',
    {
      schema: {
        tags,
        summary: 'Add a webhook endpoint; the answer carries its signing secret, shown this once (settings.manage)',
        body: createWebhookBodySchema,
        response: { 201: createdWebhookResponseSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return answer(await hooks.create(requestActor(req), req.body));
    },
  );

  r.get(
    '/api/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'One webhook endpoint (settings.manage)',
        params: idParamsSchema,
        response: { 200: webhookEndpointResponseSchema },
      },
    },
    async (req) => answer(await hooks.get(requestActor(req), req.params.id)),
  );

  r.patch(
    '/api/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Change a webhook endpoint; switching it on again clears its failure count (settings.manage)',
        params: idParamsSchema,
        body: updateWebhookBodySchema,
        response: { 200: webhookEndpointResponseSchema },
      },
    },
    async (req) => answer(await hooks.update(requestActor(req), req.params.id, req.body)),
  );

  r.delete(
    '/api/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Remove a webhook endpoint and its delivery log (settings.manage)',
        params: idParamsSchema,
        response: { 200: successSchema(okSchema) },
      },
    },
    async (req) => {
      await hooks.remove(requestActor(req), req.params.id);
      return answer({ ok: true as const });
    },
  );

  r.get(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The endpoint’s latest deliveries, newest first (settings.manage)',
        params: idParamsSchema,
        response: { 200: webhookDeliveriesResponseSchema },
      },
    },
    async (req) => answer(await hooks.deliveries(requestActor(req), req.params.id)),
  );

  r.post(
    '/api/webhooks/:id/deliveries/:deliveryId/send-again',
    {
      schema: {
        tags,
        summary: 'Send a delivery again now, with the same delivery id (settings.manage)',
        params: webhookDeliveryParamsSchema,
        response: { 200: successSchema(okSchema) },
      },
    },
    async (req) => {
      await hooks.sendAgain(requestActor(req), req.params.id, req.params.deliveryId);
      return answer({ ok: true as const });
    },
  );
}
