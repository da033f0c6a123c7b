import { type CreateApiTokenBody, createdApiTokenSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { tokensKey } from './keys';

/** `POST /api/auth/tokens`: the answer holds the secret, shown this once. */
export const createToken = (body: CreateApiTokenBody) => api.post('/api/auth/tokens', createdApiTokenSchema, body);

export const useCreateToken = () => useRefreshingMutation(createToken, [tokensKey]);
