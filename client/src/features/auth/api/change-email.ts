import {
  type ChangeEmailBody,
  type ConfirmEmailBody,
  confirmedEmailSchema,
  pendingEmailChangeSchema,
} from '@helpdesk/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meKey } from '../../../lib/api/get-me';
import { api } from '../../../lib/api-client';

/** `POST /api/auth/me/email`: a confirmation link goes to the new address; nothing changes yet. */
export const changeEmail = (body: ChangeEmailBody) => api.post('/api/auth/me/email', pendingEmailChangeSchema, body);

export const useChangeEmail = () => useMutation({ mutationFn: changeEmail });

/** `POST /api/auth/confirm-email`: the link's token makes the new address the account's. */
export const confirmEmail = (body: ConfirmEmailBody) => api.post('/api/auth/confirm-email', confirmedEmailSchema, body);

export function useConfirmEmail() {
  const qc = useQueryClient();
  // Signed in in this browser: the profile and the menu show the new address.
  return useMutation({ mutationFn: confirmEmail, onSuccess: () => qc.invalidateQueries({ queryKey: meKey }) });
}
