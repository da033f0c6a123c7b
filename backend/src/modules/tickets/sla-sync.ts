import type { DbOrTx } from '../../db/client.js';
import type { WriteBatch } from '../../db/write-batch.js';
import { withFields } from '../../lib/with-fields.js';
import { type SlaWrite, syncTicketSla } from '../sla/sla-clock.service.js';
import * as statuses from '../statuses/statuses.service.js';
import type { TicketContext } from './ticket-context.js';

/** The clock of the ticket's SLA follows a write (docs/sla.md), in the write's transaction (or `batch`). */
export async function syncSla(
  ctx: TicketContext,
  tx: DbOrTx,
  ticket: { id: string; statusId: string; priorityId: string; departmentId: string; createdAt: Date | string },
  write: Omit<SlaWrite, 'at'>,
  batch?: WriteBatch,
): Promise<void> {
  const status = statuses.findStatus(await statuses.referenceData(ctx.database, tx), ticket.statusId);
  await syncTicketSla(
    tx,
    ctx.database,
    {
      id: ticket.id,
      departmentId: ticket.departmentId,
      priorityId: ticket.priorityId,
      createdAt: new Date(ticket.createdAt),
      statusPauses: status?.pausesSla ?? false,
      closed: status?.isClosed ?? false,
    },
    withFields(write, { at: slaNow(ctx) }),
    batch,
  );
}

/** The SLA clock's "now": the app's injectable clock (tests), else the system's. */
export const slaNow = (ctx: TicketContext) => ctx.deps.now?.() ?? new Date();
