import type { SQLWrapper } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Writes of other modules that go with the ticket this request files (addWriteWithNewTicket). */
    writesWithNewTicket?: SQLWrapper[];
  }
}

/**
 * Another module's write that belongs with the ticket `POST /api/tickets` files (the knowledge
 * base's deflection mark): committed in the ticket's transaction, in the statement of its other
 * rows (decision 025), so that it costs no round trip of its own and exists exactly when the
 * ticket does. Added by a hook before the handler; the tickets module knows nothing of it.
 *
 * The statement may carry other tickets filed at the same moment, with their own such writes
 * (insertTicketGrouped): a row that two of them update is updated once, by one of them, so a
 * write here must be one that gives the same row the same values whoever writes it (the mark sets
 * `now()`, the statement's time).
 */
export function addWriteWithNewTicket(req: FastifyRequest, part: SQLWrapper): void {
  if (!req.writesWithNewTicket) req.writesWithNewTicket = [];
  req.writesWithNewTicket.push(part);
}
