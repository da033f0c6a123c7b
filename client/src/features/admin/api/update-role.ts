import { roleSchema, type UpdateRoleBody } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { adminKeys } from './keys';

/** `PATCH /api/roles/:id`. */
export const updateRole = ({ id, ...body }: UpdateRoleBody & { id: string }) =>
  api.patch(`/api/roles/${id}`, roleSchema, body);

export const useUpdateRole = () => useRefreshingMutation(updateRole, [adminKeys.roles]);
