import { z } from 'zod';

/** One admin change: who, what, before, after, when. */
export const auditEntrySchema = z.object({
  id: z.uuid(),
  actor: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
  /** e.g. user.created, role.updated, settings.updated */
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const listAuditQuerySchema = z.strictObject({
  entityType: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;
