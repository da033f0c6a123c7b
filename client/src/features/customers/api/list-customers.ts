import { customerSummarySchema, pageSchema } from '@helpdesk/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { requestPage } from '../../../lib/api-client';
import { keysetQueryOptions } from '../../../lib/keyset-query';
import { customerKeys } from './keys';

const customerPage = pageSchema(customerSummarySchema);

/** `GET /api/customers`: a page of customers by name, matching name or e-mail (`q`). */
export const listCustomers = (q: string, cursor: string | undefined, signal?: AbortSignal) =>
  requestPage('/api/customers', customerPage, { query: { q: q || undefined, limit: 50, cursor }, signal });

export const useCustomers = (q: string) =>
  useInfiniteQuery(keysetQueryOptions(customerKeys.list(q), (cursor, signal) => listCustomers(q, cursor, signal)));
