import {
  type AddTicketTagBody,
  type BulkTagsBody,
  bulkTagResultSchema,
  tagSchema,
  tagWithUsageSchema,
  type UpdateTagBody,
} from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { tagKeys, ticketQueries } from './keys';

/** `GET /api/tags?q=`: autocomplete (staff). */
export const searchTags = (q: string, signal?: AbortSignal) =>
  api.get('/api/tags', z.array(tagSchema), { query: { q, limit: 20 }, signal });

export const useTagSearch = (q: string, enabled = true) =>
  useQuery({
    queryKey: tagKeys.search(q),
    queryFn: ({ signal }) => searchTags(q, signal),
    enabled,
    staleTime: 30_000,
  });

/** `GET /api/tags/usage`: every tag with its number of tickets (tags.manage). */
export const useTagUsage = () =>
  useQuery({ queryKey: tagKeys.usage, queryFn: () => api.get('/api/tags/usage', z.array(tagWithUsageSchema)) });

const refreshed = [tagKeys.all, ticketQueries];

/** `POST /api/tickets/:id/tags`: answers the ticket's tags. */
export const useAddTicketTag = (ticketId: string) =>
  useRefreshingMutation(
    (body: AddTicketTagBody) => api.post(`/api/tickets/${ticketId}/tags`, z.array(tagSchema), body),
    refreshed,
  );

/** `DELETE /api/tickets/:id/tags/:tagId`. */
export const useRemoveTicketTag = (ticketId: string) =>
  useRefreshingMutation(
    (tagId: string) => api.delete(`/api/tickets/${ticketId}/tags/${tagId}`, z.array(tagSchema)),
    refreshed,
  );

/** `POST /api/tags/bulk`: the result per ticket. */
export const useBulkTags = () =>
  useRefreshingMutation(
    (body: BulkTagsBody) => api.post('/api/tags/bulk', z.array(bulkTagResultSchema), body),
    refreshed,
  );

/** `PATCH /api/tags/:id`: rename or recolour. */
export const useUpdateTag = () =>
  useRefreshingMutation(
    ({ id, body }: { id: string; body: UpdateTagBody }) => api.patch(`/api/tags/${id}`, tagSchema, body),
    refreshed,
  );

/** `POST /api/tags/:id/merge`. */
export const useMergeTag = () =>
  useRefreshingMutation(
    ({ id, intoId }: { id: string; intoId: string }) => api.post(`/api/tags/${id}/merge`, tagSchema, { intoId }),
    refreshed,
  );

/** `DELETE /api/tags/:id`. */
export const useDeleteTag = () =>
  useRefreshingMutation(
    (id: string) => api.delete(`/api/tags/${id}`, z.object({ id: z.string(), deleted: z.literal(true) })),
    refreshed,
  );
