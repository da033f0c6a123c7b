import { attachmentSchema } from '@helpdesk/contract';
import { z } from 'zod';
import { upload } from '../../../lib/api-client';

/** `POST /api/tickets/:id/attachments`: files on their own (not with a message), with progress 0..1. */
export function uploadAttachments(ticketId: string, files: File[], onProgress: (fraction: number) => void) {
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  return upload(`/api/tickets/${ticketId}/attachments`, form, z.array(attachmentSchema), onProgress);
}
