import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import type { Actor } from '../auth/actor.js';
import { ticketNotFound } from './ticket-context.js';
import { canViewTicket, type TicketAccess } from './tickets.policy.js';
import { refWhere, type TicketRef } from './tickets.repository.js';

export interface TicketGlance extends TicketAccess {
  id: string;
  /** The newest message customers see too, for "someone replied" (issue 17). */
  lastPublicMessage: { id: string; authorId: string; authorName: string; createdAt: Date } | null;
}

/**
 * A caller's extra column, read in the glance's own statement: an SQL expression over the
 * ticket alias `t` (for example a scalar subquery of the caller's table keyed by `t.id`), and the
 * name its prepared statement is known by. It is read before the access check, and dropped with
 * the 404 when the actor may not see the ticket.
 */
export interface GlanceExtra {
  name: string;
  column: SQL;
}

interface GlanceRow {
  id: string;
  departmentId: string;
  customerId: string;
  customerOrganisationId: string | null;
  assignedToId: string | null;
  statusIsClosed: boolean;
  lastId: string | null;
  lastAuthorId: string | null;
  lastAuthorName: string | null;
  lastCreatedAt: Date | string | null;
  extra: unknown;
}

/**
 * What presence and drafts need of a ticket the actor may see (404 otherwise): its access fields
 * and newest public message, plus the caller's `extra` column. One indexed statement, for a page
 * that polls every few seconds (issue 17: the presence poll is this statement and nothing else).
 */
export async function glance(db: DbOrTx, actor: Actor, ref: TicketRef): Promise<TicketGlance>;
export async function glance<X>(
  db: DbOrTx,
  actor: Actor,
  ref: TicketRef,
  extra: GlanceExtra,
): Promise<TicketGlance & { extra: X }>;
export async function glance(
  db: DbOrTx,
  actor: Actor,
  ref: TicketRef,
  extra?: GlanceExtra,
): Promise<TicketGlance & { extra?: unknown }> {
  const [row] = await queryRows<GlanceRow>(
    db,
    sql`SELECT t.id, t.department_id AS "departmentId", t.customer_id AS "customerId",
      (SELECT om.organisation_id FROM organisation_members om WHERE om.user_id = t.customer_id) AS "customerOrganisationId",
      t.assigned_to_id AS "assignedToId", s.is_closed AS "statusIsClosed",
      last.id AS "lastId", last.author_id AS "lastAuthorId", last.author_name AS "lastAuthorName",
      last.created_at AS "lastCreatedAt", ${extra ? extra.column : sql`NULL`} AS extra
    FROM tickets t
      JOIN ticket_statuses s ON s.id = t.status_id
      LEFT JOIN LATERAL (
        SELECT m.id, m.author_id, u.name AS author_name, m.created_at
        FROM ticket_messages m JOIN users u ON u.id = m.author_id
        WHERE m.ticket_id = t.id AND NOT m.is_internal
        ORDER BY m.created_at DESC, m.id DESC LIMIT 1
      ) last ON true
    WHERE ${refWhere(ref)}`,
    { prepared: extra ? `ticket_glance_${extra.name}` : 'ticket_glance' },
  );
  if (!row || !canViewTicket(actor, row)) throw ticketNotFound();
  const found: TicketGlance & { extra?: unknown } = {
    id: row.id,
    departmentId: row.departmentId,
    customerId: row.customerId,
    customerOrganisationId: row.customerOrganisationId,
    assignedToId: row.assignedToId,
    statusIsClosed: row.statusIsClosed,
    lastPublicMessage:
      row.lastId && row.lastAuthorId && row.lastAuthorName !== null && row.lastCreatedAt !== null
        ? {
            id: row.lastId,
            authorId: row.lastAuthorId,
            authorName: row.lastAuthorName,
            createdAt: new Date(row.lastCreatedAt),
          }
        : null,
  };
  if (extra) found.extra = row.extra;
  return found;
}
