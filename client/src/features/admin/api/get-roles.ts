import { roleSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { adminKeys } from './keys';

/** `GET /api/roles`, with their permissions and how many users hold each. */
export const getRoles = (signal?: AbortSignal) => api.get('/api/roles', z.array(roleSchema), { signal });

export const useRoles = () => useQuery({ queryKey: adminKeys.roles, queryFn: ({ signal }) => getRoles(signal) });
