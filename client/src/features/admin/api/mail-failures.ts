import { mailFailureSchema, okSchema } from '@helpdesk/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { adminKeys } from './keys';

/** `GET /api/mail/failures`: undelivered mail, newest first. */
export const getMailFailures = (signal?: AbortSignal) =>
  api.get('/api/mail/failures', z.array(mailFailureSchema), { signal });

export const useMailFailures = () =>
  useQuery({ queryKey: adminKeys.mailFailures, queryFn: ({ signal }) => getMailFailures(signal) });

/** `POST /api/mail/failures/:id/retry`: send it again now. */
export const retryMail = (id: string) => api.post(`/api/mail/failures/${id}/retry`, okSchema);

export function useRetryMail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: retryMail,
    onSettled: () => client.invalidateQueries({ queryKey: adminKeys.mailFailures }),
  });
}
