import { ticketStatusSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../api-client';
import { referenceQueryOptions } from './reference-query';

/** `GET /api/statuses`, in their configured order. */
export const getStatuses = async (signal?: AbortSignal) =>
  (await api.get('/api/statuses', z.array(ticketStatusSchema), { signal })).sort((a, b) => a.sortOrder - b.sortOrder);

export const statusesQueryOptions = referenceQueryOptions('statuses', getStatuses);
export const statusesKey = statusesQueryOptions.queryKey;
export const useStatuses = () => useQuery(statusesQueryOptions);
