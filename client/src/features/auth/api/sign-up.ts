import { type RegisterBody, userEnvelopeSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useSignInMutation } from '../hooks/use-sign-in-mutation';

/** `POST /api/auth/register`: a customer account (when self-signup is on), signed in at once. */
export const signUp = (body: RegisterBody) => api.post('/api/auth/register', userEnvelopeSchema, body);

export const useSignUp = () => useSignInMutation(signUp);
