import { notifications } from '@mantine/notifications';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

type Method = 'post' | 'patch' | 'put' | 'delete';

/** A write that refreshes the given lists and says so in a toast. */
export function useAdminWrite<TVars>(
  invalidate: QueryKey[],
  fn: (vars: TVars) => { method: Method; path: string; body?: unknown },
  success?: string,
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (vars: TVars) => {
      const { method, path, body } = fn(vars);
      if (method === 'delete') return api.delete<unknown>(path);
      return api[method]<unknown>(path, body ?? {});
    },
    onSuccess: async () => {
      await Promise.all(invalidate.map((queryKey) => qc.invalidateQueries({ queryKey })));
      if (success) notifications.show({ message: success, color: 'green' });
    },
  });
}
