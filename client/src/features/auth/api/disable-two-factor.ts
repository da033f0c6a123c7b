import { type DisableTwoFactorBody, okSchema } from '@helpdesk/contract';
import { twoFactorKey } from '../../../lib/api/get-two-factor-status';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';

/** `POST /api/auth/two-factor/disable`: the password and a code (or a recovery code). */
export const disableTwoFactor = (body: DisableTwoFactorBody) =>
  api.post('/api/auth/two-factor/disable', okSchema, body);

export const useDisableTwoFactor = () => useRefreshingMutation(disableTwoFactor, [twoFactorKey]);
