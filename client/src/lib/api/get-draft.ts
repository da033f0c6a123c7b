import { draftSchema } from '@helpdesk/contract';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../api-client';

/** Where a draft lives: `/api/tickets/:id/drafts/:kind` or `/api/drafts/new-ticket`. */
export const draftPath = (ticketId: string | null, kind: 'reply' | 'note' | 'new-ticket') =>
  ticketId ? `/api/tickets/${ticketId}/drafts/${kind}` : '/api/drafts/new-ticket';

/** GET: my draft, or null. */
export const getDraft = (path: string, signal?: AbortSignal) => api.get(path, draftSchema.nullable(), { signal });

/**
 * The draft as a query: a ticket's prefetch reads its reply's draft in the ticket's batch (issue
 * 22: a ticket page in ≤ 4 calls); the composer takes it once and drops it (it changes as one types).
 */
export const draftQueryOptions = (path: string) =>
  queryOptions({ queryKey: ['draft', path], queryFn: ({ signal }) => getDraft(path, signal) });
