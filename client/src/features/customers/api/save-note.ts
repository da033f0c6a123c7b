import { customerNoteSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { customerKeys } from './keys';

/** `PUT /api/customers/:id/note`: the whole note (empty clears it). */
export const saveNote = (id: string, body: string) =>
  api.put(`/api/customers/${id}/note`, customerNoteSchema, { body });

export const useSaveNote = (id: string) =>
  useRefreshingMutation((body: string) => saveNote(id, body), [customerKeys.detail(id)]);
