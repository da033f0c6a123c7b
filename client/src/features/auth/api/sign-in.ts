import { type LoginBody, type LoginResult, loginResultSchema, type TwoFactorChallenge } from '@helpdesk/contract';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { useSetUser } from '../../../lib/auth';

/** `POST /api/auth/login`: signed in at once, or a two-factor challenge for the second step. */
export const signIn = (body: LoginBody) => api.post('/api/auth/login', loginResultSchema, body);

export function useSignIn() {
  const setUser = useSetUser();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (result) => {
      if ('user' in result) setUser(result.user);
    },
  });
}

export const needsSecondStep = (result: LoginResult): result is TwoFactorChallenge => 'challengeToken' in result;
