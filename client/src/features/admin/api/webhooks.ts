import {
  type CreateWebhookBody,
  createdWebhookSchema,
  okSchema,
  type UpdateWebhookBody,
  webhookDeliverySchema,
  webhookEndpointSchema,
} from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { adminKeys } from './keys';

/** `GET /api/webhooks`: the endpoints with their pending and failed counts. */
export const useWebhooks = () =>
  useQuery({
    queryKey: adminKeys.webhooks,
    queryFn: ({ signal }) => api.get('/api/webhooks', z.array(webhookEndpointSchema), { signal }),
  });

/** `GET /api/webhooks/:id/deliveries`: the latest deliveries, newest first. */
export const useWebhookDeliveries = (id: string) =>
  useQuery({
    queryKey: [...adminKeys.webhooks, id, 'deliveries'],
    queryFn: ({ signal }) => api.get(`/api/webhooks/${id}/deliveries`, z.array(webhookDeliverySchema), { signal }),
  });

/** `POST /api/webhooks`: answers with the signing secret, shown once. */
export const useCreateWebhook = () =>
  useRefreshingMutation(
    (body: CreateWebhookBody) => api.post('/api/webhooks', createdWebhookSchema, body),
    [adminKeys.webhooks],
  );

/** `PATCH /api/webhooks/:id`. */
export const useUpdateWebhook = () =>
  useRefreshingMutation(
    ({ id, ...body }: UpdateWebhookBody & { id: string }) =>
      api.patch(`/api/webhooks/${id}`, webhookEndpointSchema, body),
    [adminKeys.webhooks],
  );

/** `DELETE /api/webhooks/:id`. */
export const useDeleteWebhook = () =>
  useRefreshingMutation((id: string) => api.delete(`/api/webhooks/${id}`, okSchema), [adminKeys.webhooks]);

/** `POST /api/webhooks/:id/deliveries/:deliveryId/send-again`: due again now, same delivery id. */
export const useSendAgain = () =>
  useRefreshingMutation(
    ({ id, deliveryId }: { id: string; deliveryId: string }) =>
      api.post(`/api/webhooks/${id}/deliveries/${deliveryId}/send-again`, okSchema),
    [adminKeys.webhooks],
  );
