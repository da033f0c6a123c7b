import { okSchema } from '@helpdesk/contract';
import { departmentsKey } from '../../../lib/api/get-departments';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';

/** `DELETE /api/departments/:id`. */
export const deleteDepartment = (id: string) => api.delete(`/api/departments/${id}`, okSchema);

export const useDeleteDepartment = () => useRefreshingMutation(deleteDepartment, [departmentsKey]);
