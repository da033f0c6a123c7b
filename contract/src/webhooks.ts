import { z } from 'zod';
import { successSchema } from './common.js';

/** The event types a webhook may subscribe to (docs/webhooks.md). */
export const webhookEventTypes = [
  'ticket.created',
  'message.added',
  'ticket.updated',
  'ticket.assigned',
  'ticket.status_changed',
  'ticket.merged',
  'sla.warning',
  'sla.breached',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export const webhookEndpointSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.enum(webhookEventTypes)),
  departmentId: z.uuid().nullable(),
  includeInternal: z.boolean(),
  active: z.boolean(),
  /** Why the server turned it off (repeated failures), null otherwise. */
  disabledReason: z.string().nullable(),
  /** Deliveries still to send or retry, and given up, for the list. */
  pending: z.number().int(),
  failed: z.number().int(),
  createdAt: z.string(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

const webhookUrl = z.string().trim().min(1, 'Required').max(2000, 'At most 2000 characters');
const webhookName = z.string().trim().min(1, 'Required').max(100, 'At most 100 characters');

export const createWebhookBodySchema = z.strictObject({
  name: webhookName,
  url: webhookUrl,
  events: z.array(z.enum(webhookEventTypes)).min(1, 'Choose at least one event').max(webhookEventTypes.length),
  departmentId: z.uuid().nullable().optional(),
  includeInternal: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type CreateWebhookBody = z.infer<typeof createWebhookBodySchema>;

export const updateWebhookBodySchema = createWebhookBodySchema.partial().strict();
export type UpdateWebhookBody = z.infer<typeof updateWebhookBodySchema>;

/** Answer to create: the endpoint and its signing secret, shown this once. */
export const createdWebhookSchema = z.object({ endpoint: webhookEndpointSchema, secret: z.string() });
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const webhookDeliverySchema = z.object({
  id: z.uuid(),
  eventId: z.number().int(),
  eventType: z.string(),
  /** pending: (re)tried at nextAttemptAt; delivered: a 2xx came back; failed: given up. */
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryParamsSchema = z.object({ id: z.uuid(), deliveryId: z.uuid() });
export const webhookEndpointResponseSchema = successSchema(webhookEndpointSchema);
export const webhookEndpointsResponseSchema = successSchema(z.array(webhookEndpointSchema));
export const createdWebhookResponseSchema = successSchema(createdWebhookSchema);
export const webhookDeliveriesResponseSchema = successSchema(z.array(webhookDeliverySchema));
