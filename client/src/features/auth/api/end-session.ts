import { okSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { sessionsKey } from './keys';

/** `DELETE /api/auth/sessions/:id`: signs out one of your other browsers. */
export const endSession = (id: string) => api.delete(`/api/auth/sessions/${id}`, okSchema);

export const useEndSession = () => useRefreshingMutation(endSession, [sessionsKey]);
