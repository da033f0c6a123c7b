import {
  type CreateOrganisationBody,
  organisationDetailSchema,
  organisationSchema,
  type UpdateOrganisationBody,
} from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { customerKeys } from './keys';

/** `GET /api/organisations`. */
export const useOrganisations = () =>
  useQuery({
    queryKey: customerKeys.organisations,
    queryFn: ({ signal }) => api.get('/api/organisations', z.array(organisationSchema), { signal }),
  });

/** `GET /api/organisations/:id`: with its members. */
export const useOrganisation = (id: string | null) =>
  useQuery({
    queryKey: customerKeys.organisation(id ?? ''),
    queryFn: ({ signal }) => api.get(`/api/organisations/${id}`, organisationDetailSchema, { signal }),
    enabled: !!id,
  });

// A change to an organisation shows in its list, its page and its members' customer pages.
const refreshed = [customerKeys.organisations, customerKeys.all];

/** `POST /api/organisations`, or with an id `PATCH /api/organisations/:id`. */
export const useSaveOrganisation = (id?: string) =>
  useRefreshingMutation(
    (body: CreateOrganisationBody | UpdateOrganisationBody) =>
      id
        ? api.patch(`/api/organisations/${id}`, organisationDetailSchema, body)
        : api.post('/api/organisations', organisationDetailSchema, body),
    refreshed,
  );

/** `DELETE /api/organisations/:id`. */
export const useDeleteOrganisation = () =>
  useRefreshingMutation(
    (id: string) => api.delete(`/api/organisations/${id}`, z.object({ ok: z.literal(true) })),
    refreshed,
  );

/** `PUT` or `DELETE /api/organisations/:id/members/:userId`. */
export const useSetMember = (id: string) =>
  useRefreshingMutation(
    ({ userId, member }: { userId: string; member: boolean }) =>
      member
        ? api.put(`/api/organisations/${id}/members/${userId}`, organisationDetailSchema, {})
        : api.delete(`/api/organisations/${id}/members/${userId}`, organisationDetailSchema),
    refreshed,
  );
