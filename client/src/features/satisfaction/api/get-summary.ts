import { satisfactionSummarySchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { satisfactionKeys } from './keys';

/** `GET /api/satisfaction/summary`: CSAT by department and agent over 7 / 30 days (reports.view). */
export const getSatisfactionSummary = (signal?: AbortSignal) =>
  api.get('/api/satisfaction/summary', satisfactionSummarySchema, { signal });

export const useSatisfactionSummary = () =>
  useQuery({
    queryKey: satisfactionKeys.summary,
    queryFn: ({ signal }) => getSatisfactionSummary(signal),
    refetchInterval: 60_000,
  });
