import type { User } from '@helpdesk/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, api, lazySchema } from '../api-client';

export const meKey = ['auth', 'me'] as const;

const userEnvelope = lazySchema((c) => c.userEnvelopeSchema);

/** `GET /api/auth/me`: the signed-in user, or null when nobody is. */
export async function getMe(signal?: AbortSignal): Promise<User | null> {
  try {
    return (await api.get('/api/auth/me', userEnvelope, { signal })).user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export const meQueryOptions = queryOptions({
  queryKey: meKey,
  queryFn: ({ signal }) => getMe(signal),
  staleTime: 60_000,
});

/** The signed-in user, or null; undefined while the first answer is on its way. */
export const useMe = () => useQuery(meQueryOptions);
