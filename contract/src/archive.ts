import { z } from 'zod';

/** A ticket moved to the archive tables by `helpdesk maintenance:archive`. */
export const archivedTicketSchema = z.object({
  number: z.number().int(),
  subject: z.string(),
  /** When the ticket last changed before it was archived. */
  updatedAt: z.string(),
});
export type ArchivedTicket = z.infer<typeof archivedTicketSchema>;

export const listArchivedQuerySchema = z.strictObject({
  /** Find one archived ticket by its number (`1042` or `#1042`). */
  number: z
    .string()
    .regex(/^#?\d{1,15}$/, 'a ticket number such as 1042')
    .transform((v) => Number(v.replace('#', '')))
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
