import { z } from 'zod';
import { successSchema } from './common.js';

const countBy = <T extends z.ZodType>(key: T) => z.array(z.object({ item: key, count: z.number().int() }));

/** `GET /api/dashboard`: figures over the tickets the caller may see (agents: their departments). */
export const dashboardSchema = z.object({
  openByStatus: countBy(z.object({ id: z.uuid(), name: z.string(), color: z.string() })),
  openByPriority: countBy(z.object({ id: z.uuid(), name: z.string(), level: z.number().int(), color: z.string() })),
  openByDepartment: countBy(z.object({ id: z.uuid(), name: z.string() })),
  /** Open tickets nobody is assigned to. */
  unassignedOpen: z.number().int(),
  /** Open tickets assigned to the caller. */
  myOpen: z.number().int(),
  /** The last 30 days (UTC), oldest first, days without tickets included. */
  perDay: z.array(z.object({ date: z.string(), created: z.number().int(), closed: z.number().int() })),
  /** Median minutes from creation to the first public agent reply (tickets created in the last 30 days). */
  medianFirstResponseMinutes: z.number().nullable(),
  /** Median minutes from creation to closing (tickets closed in the last 30 days). */
  medianResolutionMinutes: z.number().nullable(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
export const dashboardResponseSchema = successSchema(dashboardSchema);
