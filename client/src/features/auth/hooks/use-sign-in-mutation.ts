import type { UserEnvelope } from '@helpdesk/contract';
import { useMutation } from '@tanstack/react-query';
import { useSetUser } from '../../../lib/auth';

/** A write whose answer signs the user in (setup, sign-up, the second sign-in step). */
export function useSignInMutation<TVars>(mutationFn: (vars: TVars) => Promise<UserEnvelope>) {
  const setUser = useSetUser();
  return useMutation({ mutationFn, onSuccess: (data) => setUser(data.user) });
}
