import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, lazySchema } from '../api-client';

/** The signed-in user's two-factor status. */
export const twoFactorKey = ['auth', 'two-factor'] as const;

const twoFactorStatus = lazySchema((c) => c.twoFactorStatusSchema);

/** `GET /api/auth/two-factor`; `enrolmentRequired` holds the app back until the user enrols. */
export const getTwoFactorStatus = (signal?: AbortSignal) =>
  api.get('/api/auth/two-factor', twoFactorStatus, { signal });

export const twoFactorStatusQueryOptions = queryOptions({
  queryKey: twoFactorKey,
  queryFn: ({ signal }) => getTwoFactorStatus(signal),
  staleTime: 60_000,
});

export const useTwoFactorStatus = (enabled = true) => useQuery({ ...twoFactorStatusQueryOptions, enabled });
