import { type DraftBody, draftSchema, okSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';

/** Where a draft lives: `/api/tickets/:id/drafts/:kind` or `/api/drafts/new-ticket`. */
export const draftPath = (ticketId: string | null, kind: 'reply' | 'note' | 'new-ticket') =>
  ticketId ? `/api/tickets/${ticketId}/drafts/${kind}` : '/api/drafts/new-ticket';

/** GET: my draft, or null. */
export const getDraft = (path: string, signal?: AbortSignal) => api.get(path, draftSchema.nullable(), { signal });

/** PUT: saves the text as it is now. */
export const saveDraft = (path: string, body: DraftBody) => api.put(path, draftSchema, body);

/** DELETE: after sending, or when the text was emptied. */
export const deleteDraft = (path: string) => api.delete(path, okSchema);
