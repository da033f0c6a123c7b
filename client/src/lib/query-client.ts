import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { meKey } from './api/get-me';
import { twoFactorKey } from './api/get-two-factor-status';
import { ApiError } from './api-client';

/**
 * A 401 on any request means the session ended: forget the user, and the route guard sends
 * them to sign in (and back to where they were afterwards). A 403 TWO_FACTOR_ENROLMENT_REQUIRED
 * (the setting was turned on meanwhile) refreshes the two-factor status: the guard then leads
 * to enrolment.
 */
function onAuthError(client: () => QueryClient) {
  return (error: unknown, keyOrNull?: readonly unknown[]) => {
    if (!(error instanceof ApiError)) return;
    if (error.code === 'TWO_FACTOR_ENROLMENT_REQUIRED') {
      void client().invalidateQueries({ queryKey: twoFactorKey });
      return;
    }
    if (error.status !== 401) return;
    if (keyOrNull && keyOrNull[0] === 'auth') return;
    if (client().getQueryData(meKey)) client().setQueryData(meKey, null);
  };
}

export function createQueryClient(): QueryClient {
  const handler = onAuthError(() => queryClient);
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => handler(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => handler(error) }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (count, error) => {
          if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
          return count < 2;
        },
        refetchOnWindowFocus: true,
      },
    },
  });
  return queryClient;
}

/** The app's one query client (app.tsx provides it; the router's loaders prefetch into it). */
export const queryClient = createQueryClient();
