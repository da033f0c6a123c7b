import { mailPreferencesStateSchema, type UpdateMailPreferencesBody } from '@helpdesk/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

const mailPreferencesKey = ['mail', 'preferences'] as const;

/** `GET /api/me/mail-preferences`: whether mail is configured, and which mails I get. */
export const getMailPreferences = (signal?: AbortSignal) =>
  api.get('/api/me/mail-preferences', mailPreferencesStateSchema, { signal });

export const useMailPreferences = () =>
  useQuery({ queryKey: mailPreferencesKey, queryFn: ({ signal }) => getMailPreferences(signal) });

/** `PUT /api/me/mail-preferences`: the kinds named change. */
export const updateMailPreferences = (body: UpdateMailPreferencesBody) =>
  api.put('/api/me/mail-preferences', mailPreferencesStateSchema, body);

export function useUpdateMailPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateMailPreferences,
    onSuccess: (state) => client.setQueryData(mailPreferencesKey, state),
  });
}
