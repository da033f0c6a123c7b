import { departmentSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../api-client';
import { referenceQueryOptions } from './reference-query';

/** `GET /api/departments`: every department (members only for callers who may see staff). */
export const getDepartments = (signal?: AbortSignal) =>
  api.get('/api/departments', z.array(departmentSchema), { signal });

export const departmentsQueryOptions = referenceQueryOptions('departments', getDepartments);
export const departmentsKey = departmentsQueryOptions.queryKey;
export const useDepartments = () => useQuery(departmentsQueryOptions);
