import { sessionSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { sessionsKey } from './keys';

/** `GET /api/auth/sessions`: where you are signed in. */
export const getSessions = (signal?: AbortSignal) => api.get('/api/auth/sessions', z.array(sessionSchema), { signal });

export const useSessions = () => useQuery({ queryKey: sessionsKey, queryFn: ({ signal }) => getSessions(signal) });
