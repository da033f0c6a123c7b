import { type CreateDepartmentBody, departmentSchema } from '@helpdesk/contract';
import { departmentsKey } from '../../../lib/api/get-departments';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';

/** `POST /api/departments`. */
export const createDepartment = (body: CreateDepartmentBody) => api.post('/api/departments', departmentSchema, body);

export const useCreateDepartment = () => useRefreshingMutation(createDepartment, [departmentsKey]);
