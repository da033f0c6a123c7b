import { departmentSchema, type SetDepartmentMembersBody } from '@helpdesk/contract';
import { departmentsKey } from '../../../lib/api/get-departments';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { adminKeys } from './keys';

/** `PUT /api/departments/:id/members`: the complete member list. */
export const setDepartmentMembers = ({ id, ...body }: SetDepartmentMembersBody & { id: string }) =>
  api.put(`/api/departments/${id}/members`, departmentSchema, body);

// The users list shows each user's departments.
export const useSetDepartmentMembers = () =>
  useRefreshingMutation(setDepartmentMembers, [departmentsKey, adminKeys.users]);
