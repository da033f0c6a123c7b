import { type SetupBody, userEnvelopeSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useSignInMutation } from '../hooks/use-sign-in-mutation';

/** `POST /api/setup`: creates the first super admin and signs them in. */
export const completeSetup = (body: SetupBody) => api.post('/api/setup', userEnvelopeSchema, body);

export const useCompleteSetup = () => useSignInMutation(completeSetup);
