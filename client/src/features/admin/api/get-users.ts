import { type ListUsersQuery, pageSchema, userSchema } from '@helpdesk/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { requestPage } from '../../../lib/api-client';
import { keysetQueryOptions } from '../../../lib/keyset-query';
import { adminKeys } from './keys';

const userPage = pageSchema(userSchema);

export type UserFilters = Pick<ListUsersQuery, 'q' | 'role'>;

/** `GET /api/users`: a page of users matching name or email (`q`) and role name. */
export const getUsers = (filters: UserFilters, cursor: string | undefined, signal?: AbortSignal) =>
  requestPage('/api/users', userPage, { query: { ...filters, limit: 50, cursor }, signal });

export const useUsers = (filters: UserFilters) =>
  useInfiniteQuery(
    keysetQueryOptions([...adminKeys.users, filters], (cursor, signal) => getUsers(filters, cursor, signal)),
  );
