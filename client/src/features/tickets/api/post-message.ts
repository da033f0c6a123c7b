import { type CreateMessageBody, ticketMessageSchema } from '@helpdesk/contract';
import { api, upload } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { ticketKeys } from './keys';

export interface NewMessage extends Required<Pick<CreateMessageBody, 'body' | 'isInternal'>> {
  /** "Send and mark <status>": the status and the ticket version it was read at. */
  statusId?: string;
  version?: number;
  ticketId: string;
  /** Sent with the message (multipart), with upload progress 0..1. */
  files: File[];
  onProgress?: (fraction: number) => void;
}

/** `POST /api/tickets/:id/messages`: a reply or an internal note; JSON, or multipart with its files. */
export function postMessage({ ticketId, body, isInternal, statusId, version, files, onProgress }: NewMessage) {
  const path = `/api/tickets/${ticketId}/messages`;
  if (files.length === 0) return api.post(path, ticketMessageSchema, { body, isInternal, statusId, version });
  const form = new FormData();
  form.append('body', body);
  form.append('isInternal', String(isInternal));
  if (statusId) form.append('statusId', statusId);
  if (version !== undefined) form.append('version', String(version));
  for (const f of files) form.append('files', f, f.name);
  return upload(path, form, ticketMessageSchema, onProgress);
}

export const usePostMessage = () => useRefreshingMutation(postMessage, [ticketKeys.all]);
