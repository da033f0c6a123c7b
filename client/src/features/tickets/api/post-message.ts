import { type CreateMessageBody, ticketMessageSchema } from '@helpdesk/contract';
import { api, upload } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { ticketKeys } from './keys';

export interface NewMessage extends Required<CreateMessageBody> {
  ticketId: string;
  /** Sent with the message (multipart), with upload progress 0..1. */
  files: File[];
  onProgress?: (fraction: number) => void;
}

/** `POST /api/tickets/:id/messages`: a reply or an internal note; JSON, or multipart with its files. */
export function postMessage({ ticketId, body, isInternal, files, onProgress }: NewMessage) {
  const path = `/api/tickets/${ticketId}/messages`;
  if (files.length === 0) return api.post(path, ticketMessageSchema, { body, isInternal });
  const form = new FormData();
  form.append('body', body);
  form.append('isInternal', String(isInternal));
  for (const f of files) form.append('files', f, f.name);
  return upload(path, form, ticketMessageSchema, onProgress);
}

export const usePostMessage = () => useRefreshingMutation(postMessage, [ticketKeys.all]);
