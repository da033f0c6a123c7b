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
export const useSignIn = () => useSignInLike('/api/auth/login');
export const useSignUp = () => useSignInLike('/api/auth/register');

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) => api.post('/api/auth/reset-password', body),
  });
}
