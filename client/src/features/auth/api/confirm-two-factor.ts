import { type ConfirmTwoFactorBody, recoveryCodesSchema } from '@helpdesk/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** `POST /api/auth/two-factor/confirm`: a code from the app turns it on; the answer holds the recovery codes. */
export const confirmTwoFactor = (body: ConfirmTwoFactorBody) =>
  api.post('/api/auth/two-factor/confirm', recoveryCodesSchema, body);

/**
 * `onEnabled` gets the recovery codes before the two-factor status is refreshed: the set-up page
 * leaves once enrolment is no longer required, and must show the codes first.
 */
export function useConfirmTwoFactor(onEnabled: (recoveryCodes: string[]) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: confirmTwoFactor,
    onSuccess: (data) => {
      onEnabled(data.recoveryCodes);
      // The status, and the session list when other sessions were signed out.
      return qc.invalidateQueries({ queryKey: ['auth'] });
    },
  });
}
