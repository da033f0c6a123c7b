import { tagSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { tagKeys } from './keys';

/** `GET /api/tags?q=`: autocomplete (staff). */
export const searchTags = (q: string, signal?: AbortSignal) =>
  api.get('/api/tags', z.array(tagSchema), { query: { q, limit: 20 }, signal });

export const useTagSearch = (q: string, enabled = true) =>
  useQuery({
    queryKey: tagKeys.search(q),
    queryFn: ({ signal }) => searchTags(q, signal),
    enabled,
    staleTime: 30_000,
    // While a longer prefix's names load, the last ones stay (the boxes filter them by what is
    // typed): an empty list in between would take away the option under the pointer. A cleared
    // box (a tag was just added) starts from its own list, not the last search's.
    placeholderData: (previous) => (q ? previous : undefined),
  });
