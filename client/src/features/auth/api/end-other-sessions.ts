import { revokedCountSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { sessionsKey } from './keys';

/** `DELETE /api/auth/sessions`: signs out every browser but this one. */
export const endOtherSessions = () => api.delete('/api/auth/sessions', revokedCountSchema);

export const useEndOtherSessions = () => useRefreshingMutation(endOtherSessions, [sessionsKey]);
