import { type UpdateMeBody, userEnvelopeSchema } from '@helpdesk/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meKey } from '../../../lib/api/get-me';
import { api } from '../../../lib/api-client';

/** `PATCH /api/auth/me`: your name, or your password (with the current one; signs out your other sessions). */
export const updateMe = (body: UpdateMeBody) => api.patch('/api/auth/me', userEnvelopeSchema, body);

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateMe, onSuccess: (data) => qc.setQueryData(meKey, data.user) });
}
