import { settingsSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './keys';

/** `GET /api/settings`: every setting an admin can change. */
export const getSettings = (signal?: AbortSignal) => api.get('/api/settings', settingsSchema, { signal });

export const useSettings = () =>
  useQuery({ queryKey: adminKeys.settings, queryFn: ({ signal }) => getSettings(signal) });
