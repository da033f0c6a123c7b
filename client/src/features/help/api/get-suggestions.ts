import { kbArticleSummarySchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { helpKeys } from './keys';

/** `GET /api/help/suggestions`: up to 5 articles for a new ticket's subject. */
export const getSuggestions = (subject: string, signal?: AbortSignal) =>
  api.get('/api/help/suggestions', z.array(kbArticleSummarySchema), { query: { subject }, signal });

export const useSuggestions = (subject: string) =>
  useQuery({
    queryKey: helpKeys.suggestions(subject),
    queryFn: ({ signal }) => getSuggestions(subject, signal),
    enabled: subject.trim().length >= 3,
    staleTime: 60_000,
  });
