import { departmentSchema, type UpdateDepartmentBody } from '@helpdesk/contract';
import { departmentsKey } from '../../../lib/api/get-departments';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';

/** `PATCH /api/departments/:id`. */
export const updateDepartment = ({ id, ...body }: UpdateDepartmentBody & { id: string }) =>
  api.patch(`/api/departments/${id}`, departmentSchema, body);

export const useUpdateDepartment = () => useRefreshingMutation(updateDepartment, [departmentsKey]);
