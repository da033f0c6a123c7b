import { z } from 'zod';

/** A file attached to a ticket or to one of its messages. */
export const attachmentSchema = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  /** null for files uploaded to the ticket on their own. */
  messageId: z.uuid().nullable(),
  /** The cleaned original name; metadata only. */
  fileName: z.string(),
  /** Sniffed from the content. */
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedById: z.uuid(),
  createdAt: z.string(),
  /** Download address; add `?inline=1` to preview a raster image. */
  url: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const downloadQuerySchema = z.strictObject({
  /** `1` shows PNG, JPEG, GIF and WebP inline; every other type is always a download. */
  inline: z.enum(['0', '1']).optional(),
});
