import { customerDetailSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { customerKeys } from './keys';

/** `GET /api/customers/:id`: the customer, the staff note and the tickets the caller may see. */
export const getCustomer = (id: string, signal?: AbortSignal) =>
  api.get(`/api/customers/${id}`, customerDetailSchema, { signal });

export const useCustomer = (id: string) =>
  useQuery({ queryKey: customerKeys.detail(id), queryFn: ({ signal }) => getCustomer(id, signal) });
