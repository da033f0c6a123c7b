import { type RateBody, ratingLinkSchema } from '@helpdesk/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { satisfactionKeys } from './keys';

/** `POST /api/satisfaction/link`: what a rating link is for (the token stays out of the URL). */
export const readRatingLink = (token: string, signal?: AbortSignal) =>
  api.post('/api/satisfaction/link', ratingLinkSchema, { token }, { signal });

export const useRatingLink = (token: string, enabled: boolean) =>
  useQuery({
    queryKey: satisfactionKeys.link(token),
    queryFn: ({ signal }) => readRatingLink(token, signal),
    enabled,
    retry: false,
  });

/** `POST /api/satisfaction/rate`: rates through the link, which is then used up. */
export const rateByLink = ({ token, body }: { token: string; body: RateBody }) =>
  api.post('/api/satisfaction/rate', ratingLinkSchema, { token, ...body });

export function useRateByLink(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: rateByLink,
    onSuccess: (data) => qc.setQueryData(satisfactionKeys.link(token), data),
  });
}
