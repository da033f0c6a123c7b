import type { Locale } from '@helpdesk/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, lazySchema } from '../api-client';
import { meKey } from './get-me';

const userEnvelope = lazySchema((c) => c.userEnvelopeSchema);

/** `PATCH /api/auth/me` with only `locale`: the shell's language menu (lazy schema, as the shell loads no zod). */
export const setMyLocale = (locale: Locale | null) => api.patch('/api/auth/me', userEnvelope, { locale });

export function useSetMyLocale() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: setMyLocale, onSuccess: (data) => qc.setQueryData(meKey, data.user) });
}
