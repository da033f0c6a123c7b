import { tagWithUsageSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { tagKeys } from './keys';

/** `GET /api/tags/usage`: every tag with its number of tickets (tags.manage). */
export const getTagUsage = () => api.get('/api/tags/usage', z.array(tagWithUsageSchema));

export const useTagUsage = () => useQuery({ queryKey: tagKeys.usage, queryFn: getTagUsage });
