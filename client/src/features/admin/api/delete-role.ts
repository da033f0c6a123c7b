import { okSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { adminKeys } from './keys';

/** `DELETE /api/roles/:id` (custom roles only). */
export const deleteRole = (id: string) => api.delete(`/api/roles/${id}`, okSchema);

export const useDeleteRole = () => useRefreshingMutation(deleteRole, [adminKeys.roles]);
