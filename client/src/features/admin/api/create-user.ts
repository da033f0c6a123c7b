import { type CreateUserBody, userSchema } from '@helpdesk/contract';
import { referenceKey } from '../../../lib/api/reference-query';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { adminKeys } from './keys';

/** `POST /api/users`: without a password the user sets one through a reset link. */
export const createUser = (body: CreateUserBody) => api.post('/api/users', userSchema, body);

// Agents and department members are reference data too.
export const useCreateUser = () => useRefreshingMutation(createUser, [adminKeys.users, referenceKey]);
