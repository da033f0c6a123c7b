import { z } from 'zod';

export const departmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  isActive: z.boolean(),
  /** New tickets are assigned round-robin among the department's active agents. */
  autoAssign: z.boolean(),
  /** An agent's public reply on a ticket in the default status (Open) moves it to this status; null: stays. */
  replyStatusId: z.uuid().nullable(),
  /** Member user ids; empty for callers who may not see staff. */
  memberIds: z.array(z.uuid()),
});
export type Department = z.infer<typeof departmentSchema>;

export const createDepartmentBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(1000).optional(),
  isActive: z.boolean().optional(),
  autoAssign: z.boolean().optional(),
  replyStatusId: z.uuid().nullable().optional(),
});
export type CreateDepartmentBody = z.infer<typeof createDepartmentBodySchema>;

export const updateDepartmentBodySchema = createDepartmentBodySchema.partial();
export type UpdateDepartmentBody = z.infer<typeof updateDepartmentBodySchema>;

/** `PUT /api/departments/:id/members`: the complete member list. */
export const setDepartmentMembersBodySchema = z.strictObject({
  userIds: z.array(z.uuid()).max(1000),
});
export type SetDepartmentMembersBody = z.infer<typeof setDepartmentMembersBodySchema>;
