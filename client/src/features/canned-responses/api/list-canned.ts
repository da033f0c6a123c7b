import { type CannedScope, cannedResponseSchema } from '@helpdesk/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { cannedKeys } from './keys';

/** `GET /api/canned-responses`: the shared ones (canned.manage) or your personal ones, most used first. */
export const listCanned = (scope: CannedScope, q: string, signal?: AbortSignal) =>
  api.get('/api/canned-responses', z.array(cannedResponseSchema), { query: { scope, ...(q ? { q } : {}) }, signal });

export const useCannedList = (scope: CannedScope, q: string) =>
  useQuery({
    queryKey: cannedKeys.list(scope, q),
    queryFn: ({ signal }) => listCanned(scope, q, signal),
    placeholderData: keepPreviousData,
  });
