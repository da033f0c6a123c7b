import { type CannedFile, cannedFileSchema, okSchema } from '@helpdesk/contract';
import { z } from 'zod';
import { ApiError, api, toApiError, upload } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { cannedKeys } from './keys';

export const cannedFileUrl = (responseId: string, fileId: string) =>
  `/api/canned-responses/${responseId}/files/${fileId}`;

/** `POST /api/canned-responses/:id/files` (multipart). */
export function addCannedFiles({ responseId, files }: { responseId: string; files: File[] }) {
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  return upload(`/api/canned-responses/${responseId}/files`, form, z.array(cannedFileSchema));
}

export const useAddCannedFiles = () => useRefreshingMutation(addCannedFiles, [cannedKeys.all]);

/** `DELETE /api/canned-responses/:id/files/:fileId`. */
export const removeCannedFile = ({ responseId, fileId }: { responseId: string; fileId: string }) =>
  api.delete(cannedFileUrl(responseId, fileId), okSchema);

export const useRemoveCannedFile = () => useRefreshingMutation(removeCannedFile, [cannedKeys.all]);

/** A response's file as a File, for the composer to send with the message. */
export async function downloadCannedFile(responseId: string, file: CannedFile): Promise<File> {
  let res: Response;
  try {
    res = await fetch(cannedFileUrl(responseId, file.id), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the server. Check your connection and try again.');
  }
  if (!res.ok) throw toApiError(res.status, await res.json().catch(() => undefined), res.statusText);
  return new File([await res.blob()], file.fileName, { type: file.mimeType });
}
