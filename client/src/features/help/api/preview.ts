import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

/** `POST /api/help/preview`: Markdown rendered and sanitised by the server, as the article will show. */
export const preview = (body: string, signal?: AbortSignal) =>
  api.post('/api/help/preview', z.object({ html: z.string() }), { body }, { signal });

export const usePreview = (body: string, enabled: boolean) =>
  useQuery({ queryKey: ['help', 'preview', body], queryFn: ({ signal }) => preview(body, signal), enabled });
