import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import type { Actor } from '../auth/actor.js';
import { findVisible } from './ticket-context.js';
import type { TicketAccess } from './tickets.policy.js';
import type { TicketRef } from './tickets.repository.js';

export interface TicketGlance extends TicketAccess {
  id: string;
  /** The newest message customers see too, for "someone replied" (issue 17). */
  lastPublicMessage: { id: string; authorId: string; authorName: string; createdAt: Date } | null;
}

/**
 * What presence and drafts need of a ticket the actor may see (404 otherwise): its access fields
 * and newest public message. Two small indexed reads, for a page that polls every few seconds.
 */
export async function glance(db: DbOrTx, actor: Actor, ref: TicketRef): Promise<TicketGlance> {
  const core = await findVisible(db, actor, ref);
  const [last] = await queryRows<{ id: string; authorId: string; authorName: string; createdAt: Date }>(
    db,
    sql`SELECT m.id, m.author_id AS "authorId", u.name AS "authorName", m.created_at AS "createdAt"
      FROM ticket_messages m JOIN users u ON u.id = m.author_id
      WHERE m.ticket_id = ${core.id}::uuid AND NOT m.is_internal
      ORDER BY m.created_at DESC, m.id DESC LIMIT 1`,
    { prepared: 'ticket_last_public_message' },
  );
  return {
    id: core.id,
    departmentId: core.departmentId,
    customerId: core.customerId,
    assignedToId: core.assignedToId,
    statusIsClosed: core.statusIsClosed,
    lastPublicMessage: last ? { ...last, createdAt: new Date(last.createdAt) } : null,
  };
}
