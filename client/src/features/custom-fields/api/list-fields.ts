import { customFieldSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { fieldKeys } from './keys';

/** `GET /api/custom-fields`: the fields the caller may see, in order (of one department when given). */
export const listFields = (departmentId: string | undefined, includeArchived: boolean, signal?: AbortSignal) =>
  api.get('/api/custom-fields', z.array(customFieldSchema), {
    query: { departmentId, includeArchived: includeArchived || undefined },
    signal,
  });

export const useFields = (opts: { departmentId?: string; includeArchived?: boolean; enabled?: boolean } = {}) =>
  useQuery({
    queryKey: fieldKeys.list(opts.departmentId, !!opts.includeArchived),
    queryFn: ({ signal }) => listFields(opts.departmentId, !!opts.includeArchived, signal),
    enabled: opts.enabled ?? true,
  });
