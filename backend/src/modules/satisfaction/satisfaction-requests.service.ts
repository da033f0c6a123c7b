import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import * as repo from './satisfaction.repository.js';

/**
 * What the tickets module calls, inside its own transaction (decision 007): kept apart from
 * satisfaction.service.ts, which uses the tickets service, so that neither imports the other.
 */

/** How long a rating link works after it was made. */
export const LINK_DAYS = 7;

export const daysAfter = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000);

/**
 * The ticket was resolved (moved into a closed status): ask its customer for a rating. The
 * previous resolution's request stops being current (its link stops working). Returns the new
 * rating link's token, for the resolution e-mail once there is one; only its hash is stored.
 */
export async function requestRating(
  tx: DbOrTx,
  ticket: { id: string; number: number; customerId: string; departmentId: string; assignedToId: string | null },
  now = new Date(),
): Promise<string> {
  await repo.retireCurrent(tx, ticket.id);
  const { token, tokenHash } = repo.newLinkToken();
  await repo.insertRequest(tx, {
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    customerId: ticket.customerId,
    departmentId: ticket.departmentId,
    agentId: ticket.assignedToId,
    requestedAt: now,
    tokenHash,
    tokenExpiresAt: daysAfter(now, LINK_DAYS),
  });
  return token;
}

/**
 * The queue's rating filter over the alias `t`: the latest resolution's rating, or `none` for
 * asked but not answered. Served by the partial unique index on (ticket_id) WHERE is_current.
 */
export function ratingFilterSql(value: 'good' | 'bad' | 'none'): SQL {
  const rated = value === 'none' ? sql`r.rating IS NULL` : sql`r.rating = ${value}`;
  return sql`EXISTS (SELECT 1 FROM satisfaction_ratings r WHERE r.ticket_id = t.id AND r.is_current AND ${rated})`;
}

/**
 * A fresh token for the ticket's current, unanswered request (the resolution e-mail's link): the
 * token made by requestRating is not stored, so the mail consumer gives the request a new one.
 * Undefined when there is no such request or its link has expired.
 */
export async function reissueRatingLink(tx: DbOrTx, ticketId: string, now = new Date()): Promise<string | undefined> {
  const current = await repo.lockCurrent(tx, ticketId);
  if (!current || current.rating !== null || current.tokenExpiresAt <= now) return undefined;
  const { token, tokenHash } = repo.newLinkToken();
  await repo.updateRequest(tx, current.id, { tokenHash });
  return token;
}
