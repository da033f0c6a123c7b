import { twoFactorSetupSchema } from '@helpdesk/contract';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** `POST /api/auth/two-factor/setup`: a new secret (QR code and key), not active until confirmed. */
export const startTwoFactorSetup = () => api.post('/api/auth/two-factor/setup', twoFactorSetupSchema);

export const useStartTwoFactorSetup = () => useMutation({ mutationFn: startTwoFactorSetup });
