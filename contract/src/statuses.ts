import { z } from 'zod';

/** `#rgb` or `#rrggbb`. */
export const colorSchema = z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'A colour like #228be6');

export const ticketStatusSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  color: z.string(),
  sortOrder: z.number().int(),
  /** Tickets in a closed status count as closed (closed_at is set). */
  isClosed: z.boolean(),
  /** New tickets start here; exactly one status is the default. */
  isDefault: z.boolean(),
  /** Tickets in this status stop their SLA clock (docs/sla.md). */
  pausesSla: z.boolean(),
});
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const createStatusBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  color: colorSchema.optional(),
  sortOrder: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  isClosed: z.boolean().optional(),
  isDefault: z.boolean().optional(),
  pausesSla: z.boolean().optional(),
});
export type CreateStatusBody = z.infer<typeof createStatusBodySchema>;
export const updateStatusBodySchema = createStatusBodySchema.partial();
export type UpdateStatusBody = z.infer<typeof updateStatusBodySchema>;

export const ticketPrioritySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Higher is more urgent. */
  level: z.number().int(),
  color: z.string(),
  isDefault: z.boolean(),
});
export type TicketPriority = z.infer<typeof ticketPrioritySchema>;

export const createPriorityBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  level: z.number().int().min(0).max(1000),
  color: colorSchema.optional(),
  isDefault: z.boolean().optional(),
});
export type CreatePriorityBody = z.infer<typeof createPriorityBodySchema>;
export const updatePriorityBodySchema = createPriorityBodySchema.partial();
export type UpdatePriorityBody = z.infer<typeof updatePriorityBodySchema>;
