import { z } from 'zod';

/** `GET /health`: exactly the operations guide's shape. */
export const healthResponseSchema = z.object({
  success: z.literal(true),
  message: z.literal('Backend is healthy'),
  /** ISO 8601 time of the answer. */
  timestamp: z.string(),
  /** Seconds since the process started. */
  uptime: z.number(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** `GET /health/ready`: the process is up and the database answers. */
export const readinessResponseSchema = z.object({
  success: z.literal(true),
  message: z.literal('Ready'),
  database: z.literal('ok'),
});
export type ReadinessResponse = z.infer<typeof readinessResponseSchema>;
