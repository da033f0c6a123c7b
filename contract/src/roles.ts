import { z } from 'zod';
import { permissions } from './permissions.js';

export const roleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
  /** Built-in roles cannot be deleted or renamed. */
  isSystem: z.boolean(),
  /** How many users hold the role. */
  userCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Role = z.infer<typeof roleSchema>;

const roleNameSchema = z
  .string()
  .trim()
  .min(2)
  .max(50)
  .regex(/^[A-Za-z][A-Za-z0-9_ -]*$/, 'Letters, digits, spaces, _ and -');

export const createRoleBodySchema = z.strictObject({
  name: roleNameSchema,
  description: z.string().trim().max(500).optional(),
  permissions: z.array(z.enum(permissions)).max(permissions.length),
});
export type CreateRoleBody = z.infer<typeof createRoleBodySchema>;

export const updateRoleBodySchema = z.strictObject({
  name: roleNameSchema.optional(),
  description: z.string().trim().max(500).optional(),
  permissions: z.array(z.enum(permissions)).max(permissions.length).optional(),
});
export type UpdateRoleBody = z.infer<typeof updateRoleBodySchema>;
