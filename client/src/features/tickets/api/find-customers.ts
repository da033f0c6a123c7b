import { pageSchema, userSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { requestPage } from '../../../lib/api-client';

const userPage = pageSchema(userSchema);

/** `GET /api/users?role=CUSTOMER`: the first 20 active customers whose name or email matches. */
export const findCustomers = async (q: string, signal?: AbortSignal) =>
  (
    await requestPage('/api/users', userPage, {
      query: { role: 'CUSTOMER', active: true, q: q || undefined, limit: 20 },
      signal,
    })
  ).items;

export const useCustomerSearch = (q: string) =>
  useQuery({ queryKey: ['customers', q], queryFn: ({ signal }) => findCustomers(q, signal), staleTime: 30_000 });
