import { kbImageSchema } from '@helpdesk/contract';
import { z } from 'zod';
import { upload } from '../../../lib/api-client';

/** `POST /api/help/articles/:id/images`: PNG, JPEG, GIF or WebP; each answer carries its Markdown. */
export function uploadImages(articleId: string, files: File[]) {
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  return upload(`/api/help/articles/${articleId}/images`, form, z.array(kbImageSchema));
}
