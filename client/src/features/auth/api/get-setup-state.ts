import { setupStateSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** `GET /api/setup`: whether the first super admin is still to be created. */
export const getSetupState = (signal?: AbortSignal) => api.get('/api/setup', setupStateSchema, { signal });

export const useSetupState = () =>
  useQuery({ queryKey: ['setup'], queryFn: ({ signal }) => getSetupState(signal), retry: false });
