import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * A write that then refreshes the queries under `keys` (also after a failure: a refused write
 * often means the data changed meanwhile). It does not wait for them: the caller's own success
 * callbacks run at once, before a refreshed answer can unmount the caller (turning on the
 * two-factor requirement sends its admin to enrolment). Callers say what happened; this shows nothing.
 */
export function useRefreshingMutation<TVars, TData>(mutationFn: (vars: TVars) => Promise<TData>, keys: QueryKey[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => {
      for (const queryKey of keys) void qc.invalidateQueries({ queryKey });
    },
  });
}
