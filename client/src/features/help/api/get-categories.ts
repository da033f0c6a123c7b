import { kbCategorySchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { helpKeys } from './keys';

/** `GET /api/help/categories`: in order, with the number of articles the caller can read. */
export const getCategories = (signal?: AbortSignal) =>
  api.get('/api/help/categories', z.array(kbCategorySchema), { signal });

export const useCategories = () =>
  useQuery({ queryKey: helpKeys.categories, queryFn: ({ signal }) => getCategories(signal) });
