import { type TwoFactorLoginBody, userEnvelopeSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useSignInMutation } from '../hooks/use-sign-in-mutation';

/** `POST /api/auth/login/two-factor`: the challenge with a code from the app or a recovery code. */
export const signInTwoFactor = (body: TwoFactorLoginBody) =>
  api.post('/api/auth/login/two-factor', userEnvelopeSchema, body);

export const useSignInTwoFactor = () => useSignInMutation(signInTwoFactor);
