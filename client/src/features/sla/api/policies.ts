import {
  type CreateSlaPolicyBody,
  slaDeletedResponseSchema,
  slaPolicySchema,
  type UpdateSlaPolicyBody,
} from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { slaKeys, slaWrites } from './keys';

/** `GET /api/sla/policies` (staff). */
export const getPolicies = () => api.get('/api/sla/policies', z.array(slaPolicySchema));
export const usePolicies = () => useQuery({ queryKey: slaKeys.policies, queryFn: getPolicies });

/** `POST /api/sla/policies` or `PATCH /api/sla/policies/:id` (settings.manage). */
export const savePolicy = ({ id, body }: { id?: string; body: CreateSlaPolicyBody | UpdateSlaPolicyBody }) =>
  id
    ? api.patch(`/api/sla/policies/${id}`, slaPolicySchema, body)
    : api.post('/api/sla/policies', slaPolicySchema, body);
export const useSavePolicy = () => useRefreshingMutation(savePolicy, slaWrites);

/** `DELETE /api/sla/policies/:id` (settings.manage). */
export const deletePolicy = (id: string) => api.delete(`/api/sla/policies/${id}`, slaDeletedResponseSchema.shape.data);
export const useDeletePolicy = () => useRefreshingMutation(deletePolicy, slaWrites);
