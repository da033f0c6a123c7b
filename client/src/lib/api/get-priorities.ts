import { ticketPrioritySchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../api-client';
import { referenceQueryOptions } from './reference-query';

/** `GET /api/priorities`, least urgent first. */
export const getPriorities = async (signal?: AbortSignal) =>
  (await api.get('/api/priorities', z.array(ticketPrioritySchema), { signal })).sort((a, b) => a.level - b.level);

export const prioritiesQueryOptions = referenceQueryOptions('priorities', getPriorities);
export const prioritiesKey = prioritiesQueryOptions.queryKey;
export const usePriorities = () => useQuery(prioritiesQueryOptions);
