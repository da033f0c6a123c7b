import { type RegenerateRecoveryCodesBody, recoveryCodesSchema } from '@helpdesk/contract';
import { twoFactorKey } from '../../../lib/api/get-two-factor-status';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';

/** `POST /api/auth/two-factor/recovery-codes`: ten new codes (the old ones stop working). */
export const regenerateRecoveryCodes = (body: RegenerateRecoveryCodesBody) =>
  api.post('/api/auth/two-factor/recovery-codes', recoveryCodesSchema, body);

export const useRegenerateRecoveryCodes = () => useRefreshingMutation(regenerateRecoveryCodes, [twoFactorKey]);
