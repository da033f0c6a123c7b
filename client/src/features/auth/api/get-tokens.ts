import { apiTokenSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { tokensKey } from './keys';

/** `GET /api/auth/tokens`: your API tokens (never their secrets). */
export const getTokens = (signal?: AbortSignal) => api.get('/api/auth/tokens', z.array(apiTokenSchema), { signal });

export const useTokens = () => useQuery({ queryKey: tokensKey, queryFn: ({ signal }) => getTokens(signal) });
