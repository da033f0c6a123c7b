import { type User, userSchema } from '@helpdesk/contract';
import { referenceKey } from '../../../lib/api/reference-query';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { adminKeys } from './keys';

/** `POST /api/users/:id/deactivate` (ends their sessions) or `…/reactivate`: flips the user's state. */
export const toggleUserActive = (user: User) =>
  api.post(`/api/users/${user.id}/${user.isActive ? 'deactivate' : 'reactivate'}`, userSchema);

export const useToggleUserActive = () => useRefreshingMutation(toggleUserActive, [adminKeys.users, referenceKey]);
