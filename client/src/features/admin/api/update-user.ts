import { type UpdateUserBody, userSchema } from '@helpdesk/contract';
import { referenceKey } from '../../../lib/api/reference-query';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { adminKeys } from './keys';

/** `PATCH /api/users/:id`. */
export const updateUser = ({ id, ...body }: UpdateUserBody & { id: string }) =>
  api.patch(`/api/users/${id}`, userSchema, body);

export const useUpdateUser = () => useRefreshingMutation(updateUser, [adminKeys.users, referenceKey]);
