import { RATING_CHANGE_DAYS } from '@helpdesk/contract';
import { can, isCustomer, isStaff, type Principal } from '../auth/actor.js';

/**
 * Who rates: only the ticket's own customer, never staff (not even on a ticket they filed for
 * themselves), so that the figures are the customers' voice.
 */
export function canRate(actor: Principal, ticket: { customerId: string }): boolean {
  return !isStaff(actor) && actor.id === ticket.customerId;
}

/** The end of the window in which a given rating may be changed; null while unrated. */
export function changeableUntil(ratedAt: Date | null): Date | null {
  return ratedAt ? new Date(ratedAt.getTime() + RATING_CHANGE_DAYS * 86_400_000) : null;
}

/** A rating can be given any time and changed for RATING_CHANGE_DAYS after it was first given. */
export function isChangeable(ratedAt: Date | null, now: Date): boolean {
  const until = changeableUntil(ratedAt);
  return until === null || now < until;
}

/** Why a rating link cannot be used now, or null when it can. */
export function linkRefusal(
  link: { isCurrent: boolean; tokenUsedAt: Date | null; tokenExpiresAt: Date },
  now: Date,
): 'superseded' | 'used' | 'expired' | null {
  if (!link.isCurrent) return 'superseded';
  if (link.tokenUsedAt) return 'used';
  return now >= link.tokenExpiresAt ? 'expired' : null;
}

/** The CSAT figures are reports: staff with reports.view. */
export function canViewSummary(actor: Principal): boolean {
  return !isCustomer(actor) && can(actor, 'reports.view');
}

/** The departments whose ratings the reader sees: null for all (tickets.view_all). */
export function summaryDepartments(actor: Principal): readonly string[] | null {
  return can(actor, 'tickets.view_all') ? null : actor.departmentIds;
}
