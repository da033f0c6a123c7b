import type { LoginResult, TwoFactorChallenge } from '@helpdesk/contract';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { useSetUser } from '../../lib/auth';
import type { User } from '../../lib/types';

type Body = Record<string, string>;

function useSignInLike(path: string) {
  const setUser = useSetUser();
  return useMutation({
    mutationFn: (body: Body) => api.post<{ user: User }>(path, body),
    onSuccess: (data) => setUser(data.user),
  });
}

export const useSetup = () => useSignInLike('/api/setup');
export const useSignUp = () => useSignInLike('/api/auth/register');
/** Second step of sign-in: the challenge with a code from the app or a recovery code. */
export const useTwoFactorSignIn = () => useSignInLike('/api/auth/login/two-factor');

/** Sign-in: signed in at once, or a two-factor challenge for the second step. */
export function useSignIn() {
  const setUser = useSetUser();
  return useMutation({
    mutationFn: (body: Body) => api.post<LoginResult>('/api/auth/login', body),
    onSuccess: (data) => {
      if ('user' in data) setUser(data.user);
    },
  });
}

export const needsSecondStep = (result: LoginResult): result is TwoFactorChallenge => 'challengeToken' in result;

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) => api.post('/api/auth/reset-password', body),
  });
}
