import { type CreateRoleBody, roleSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { adminKeys } from './keys';

/** `POST /api/roles`. */
export const createRole = (body: CreateRoleBody) => api.post('/api/roles', roleSchema, body);

export const useCreateRole = () => useRefreshingMutation(createRole, [adminKeys.roles]);
