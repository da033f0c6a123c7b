import { z } from 'zod';

/** At most this many reads in one batch: a page's first render asks for fewer. */
export const BATCH_MAX_READS = 20;

/** Paths a batch may read: the API's own GET routes, never the batch itself. */
const batchPathSchema = z
  .string()
  .max(2_000)
  .regex(/^\/api\/(?!batch(?:[/?#]|$))[^#\s]*$/, { message: 'A path of the API, such as /api/tickets/1042' });

/** `GET /api/batch?path=/api/a&path=/api/b`: several reads in one request (repeat `path`). */
export const batchQuerySchema = z.object({
  path: z
    .union([batchPathSchema, z.array(batchPathSchema)])
    .transform((p) => (Array.isArray(p) ? p : [p]))
    .pipe(z.array(z.string()).min(1).max(BATCH_MAX_READS)),
});

/** Each read's answer, in the order asked: its HTTP status and its JSON body as the route alone gives it. */
export const batchResponseSchema = z.object({
  success: z.literal(true),
  data: z.array(z.object({ status: z.number().int(), body: z.unknown() })),
});
export type BatchResponse = z.infer<typeof batchResponseSchema>;
