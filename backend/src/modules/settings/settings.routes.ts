import { publicSettingsSchema, settingsSchema, successSchema, updateSettingsBodySchema } from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createSettingsService } from './settings.service.js';

export async function settingsRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const settings = createSettingsService({ database, config });
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/settings/public',
    {
      config: { public: true },
      schema: {
        tags: ['settings'],
        summary: 'Helpdesk name, self-signup, whether setup is needed, customer priorities, upload limits (public)',
        security: [],
        response: { 200: successSchema(publicSettingsSchema) },
      },
    },
    async () => ({ success: true as const, data: await settings.publicSettings() }),
  );
  r.get(
    '/api/settings',
    {
      schema: {
        tags: ['settings'],
        summary: 'All settings (settings.manage)',
        response: { 200: successSchema(settingsSchema) },
      },
    },
    async (req) => ({ success: true as const, data: await settings.get(requestActor(req)) }),
  );
  r.patch(
    '/api/settings',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change settings (settings.manage)',
        body: updateSettingsBodySchema,
        response: { 200: successSchema(settingsSchema) },
      },
    },
    async (req) => ({ success: true as const, data: await settings.update(requestActor(req), req.body) }),
  );
}
