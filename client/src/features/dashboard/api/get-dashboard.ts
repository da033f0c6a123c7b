import { dashboardSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** `GET /api/dashboard`: figures over the tickets the caller may see (agents: their departments). */
export const getDashboard = (signal?: AbortSignal) => api.get('/api/dashboard', dashboardSchema, { signal });

export const useDashboard = () =>
  useQuery({ queryKey: ['dashboard'], queryFn: ({ signal }) => getDashboard(signal), refetchInterval: 60_000 });
