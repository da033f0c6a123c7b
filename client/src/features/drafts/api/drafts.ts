import { type DraftBody, draftSchema, okSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';

export { draftPath, draftQueryOptions } from '../../../lib/api/get-draft';

/** PUT: saves the text as it is now. */
export const saveDraft = (path: string, body: DraftBody) => api.put(path, draftSchema, body);

/** DELETE: after sending, or when the text was emptied. */
export const deleteDraft = (path: string) => api.delete(path, okSchema);
