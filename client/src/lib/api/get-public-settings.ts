import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, lazySchema } from '../api-client';

export const publicSettingsKey = ['settings-public'] as const;

const publicSettings = lazySchema((c) => c.publicSettingsSchema);

/** `GET /api/settings/public`: the helpdesk's name, self-signup, and whether setup is needed. */
export const getPublicSettings = (signal?: AbortSignal) => api.get('/api/settings/public', publicSettings, { signal });

export const publicSettingsQueryOptions = queryOptions({
  queryKey: publicSettingsKey,
  queryFn: ({ signal }) => getPublicSettings(signal),
  staleTime: 60_000,
});

export const usePublicSettings = () => useQuery(publicSettingsQueryOptions);
