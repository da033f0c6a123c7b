import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { paths } from '../config/paths';
import { ApiError, api } from './api-client';
import { meKey, twoFactorKey } from './query-client';
import type { PublicSettings, TwoFactorStatus, User } from './types';

/** The signed-in user, or null; undefined while the first answer is on its way. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }) => {
      try {
        const data = await api.get<{ user: User }>('/api/auth/me', undefined, signal);
        return data.user;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function useUser(): User | null {
  return useMe().data ?? null;
}

/** After sign-in/sign-up/setup: store the user and drop everything cached for the last one. */
export function useSetUser() {
  const qc = useQueryClient();
  return (user: User | null) => {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' && q.queryKey[0] !== 'settings-public' });
    qc.removeQueries({ queryKey: twoFactorKey });
    qc.setQueryData(meKey, user);
  };
}

/** Ends the session, forgets everything cached, and goes to the sign-in page. */
export function useSignOut() {
  const qc = useQueryClient();
  const setUser = useSetUser();
  const navigate = useNavigate();
  return async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    qc.clear();
    setUser(null);
    navigate(paths.signIn());
  };
}

export function usePublicSettings() {
  return useQuery({
    queryKey: ['settings-public'],
    queryFn: async ({ signal }) => {
      try {
        return await api.get<PublicSettings>('/api/settings/public', undefined, signal);
      } catch (err) {
        // Before the accounts API exists, fall back to what the setup route says.
        if (err instanceof ApiError && err.status === 404) {
          const setup = await api
            .get<{ needed: boolean }>('/api/setup', undefined, signal)
            .catch(() => ({ needed: false }));
          return { helpdeskName: 'HelpDesk Pro', selfSignup: true, setupNeeded: setup.needed } satisfies PublicSettings;
        }
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

/** The signed-in user's two-factor sign-in; `enrolmentRequired` holds the app back until they enrol. */
export function useTwoFactorStatus(enabled = true) {
  return useQuery({
    queryKey: twoFactorKey,
    queryFn: ({ signal }) => api.get<TwoFactorStatus>('/api/auth/two-factor', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}
