import { okSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { tokensKey } from './keys';

/** `DELETE /api/auth/tokens/:id`. */
export const revokeToken = (id: string) => api.delete(`/api/auth/tokens/${id}`, okSchema);

export const useRevokeToken = () => useRefreshingMutation(revokeToken, [tokensKey]);
