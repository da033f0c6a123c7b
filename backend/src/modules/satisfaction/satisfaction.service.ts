import type {
  CsatFigure,
  RateBody,
  RateByLinkBody,
  RatingLink,
  RatingLinkIssued,
  SatisfactionSummary,
  TicketSatisfaction,
} from '@helpdesk/contract';
import type { AppDeps } from '../../app-deps.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError, forbidden } from '../../lib/app-error.js';
import { isoOrNull } from '../../lib/timestamps.js';
import { hashToken } from '../../lib/tokens.js';
import { type Actor, requireAllowed } from '../auth/actor.js';
import { cachedDepartments } from '../departments/departments.service.js';
import { createTicketService } from '../tickets/tickets.service.js';
import { findUserBrief } from '../users/user-lookup.service.js';
import {
  canRate,
  canViewSummary,
  changeableUntil,
  isChangeable,
  linkRefusal,
  summaryDepartments,
} from './satisfaction.policy.js';
import * as repo from './satisfaction.repository.js';
import { daysAfter, LINK_DAYS } from './satisfaction-requests.service.js';

const LATEST_COMMENTS = 10;

const notRequested = () =>
  new AppError('RATING_NOT_REQUESTED', 422, 'The ticket has not been resolved yet, so there is nothing to rate');
const locked = () => new AppError('RATING_LOCKED', 422, 'A rating can be changed only for 7 days after it was given');
const invalidLink = () =>
  new AppError('INVALID_RATING_LINK', 400, 'This rating link is invalid, used or expired; rate on the ticket page');

function present(row: repo.RatingRow) {
  return {
    id: row.id,
    requestedAt: row.requestedAt.toISOString(),
    rating: row.rating as 'good' | 'bad' | null,
    comment: row.comment,
    ratedAt: isoOrNull(row.ratedAt),
    changeableUntil: isoOrNull(changeableUntil(row.ratedAt)),
    isCurrent: row.isCurrent,
  };
}

/** Given now, the fields a rating (or a changed rating) writes. */
const ratingFields = (row: repo.RatingRow, body: RateBody, now: Date) => ({
  rating: body.rating,
  comment: body.comment ? body.comment : null,
  ratedAt: row.ratedAt ?? now,
  changedAt: now,
});

function figure(good: number, bad: number): CsatFigure {
  const rated = good + bad;
  return { good, bad, percent: rated ? Math.round((good / rated) * 1000) / 10 : null };
}

/**
 * Satisfaction ratings (issue 20, docs/satisfaction-ratings.md). The tickets module asks for a
 * rating when a ticket is resolved (satisfaction-requests.service.ts); this service lets the
 * customer answer (signed in, or through a link without a password) and staff read the answers.
 */
export function createSatisfactionService(deps: AppDeps) {
  const { db } = deps.database;
  const now = deps.now ?? (() => new Date());
  const tickets = createTicketService(deps);

  /** The ticket as the caller may see it (404 otherwise) and whether they may rate it. */
  async function ticketFor(actor: Actor, ref: string) {
    const { ticket } = await tickets.get(actor, ref);
    return { id: ticket.id, customerId: ticket.customer.id };
  }

  async function answer(actor: Actor, ticket: { id: string; customerId: string }): Promise<TicketSatisfaction> {
    const rows = await repo.listForTicket(db, ticket.id);
    const current = rows.find((r) => r.isCurrent);
    return {
      ratings: rows.map(present),
      canRate: !!current && canRate(actor, ticket) && isChangeable(current.ratedAt, now()),
    };
  }

  /**
   * For the ticket's customer only: runs `work` on the latest resolution's request, locked, while
   * it may still be rated or changed (422 otherwise). Returns the ticket.
   */
  async function withOpenRequest(
    actor: Actor,
    ref: string,
    work: (tx: Tx, row: repo.RatingRow, at: Date) => Promise<unknown>,
  ) {
    const ticket = await ticketFor(actor, ref);
    requireAllowed(actor, (a) => canRate(a, ticket));
    await db.transaction(async (tx) => {
      const row = await repo.lockCurrent(tx, ticket.id);
      if (!row) throw notRequested();
      const at = now();
      if (!isChangeable(row.ratedAt, at)) throw locked();
      await work(tx, row, at);
    });
    return ticket;
  }

  return {
    /** `GET /api/tickets/:id/satisfaction`: whoever sees the ticket sees its ratings. */
    async forTicket(actor: Actor, ref: string): Promise<TicketSatisfaction> {
      return answer(actor, await ticketFor(actor, ref));
    },

    /** `PUT /api/tickets/:id/satisfaction`: the ticket's customer rates the latest resolution. */
    async rate(actor: Actor, ref: string, body: RateBody): Promise<TicketSatisfaction> {
      const ticket = await withOpenRequest(actor, ref, (tx, row, at) =>
        repo.updateRequest(tx, row.id, ratingFields(row, body, at)),
      );
      return answer(actor, ticket);
    },

    /**
     * `POST /api/tickets/:id/satisfaction/link`: a new single-use link for the latest resolution
     * (what the resolution e-mail will carry); the previous link of that resolution stops working.
     */
    async issueLink(actor: Actor, ref: string): Promise<RatingLinkIssued> {
      const { token, tokenHash } = repo.newLinkToken();
      let tokenExpiresAt = new Date();
      await withOpenRequest(actor, ref, (tx, row, at) => {
        tokenExpiresAt = daysAfter(at, LINK_DAYS);
        return repo.updateRequest(tx, row.id, { tokenHash, tokenExpiresAt, tokenUsedAt: null });
      });
      // The query string stays out of the request log (plugins/request-log.ts), as with reset links.
      return { path: `/rate?token=${encodeURIComponent(token)}`, expiresAt: tokenExpiresAt.toISOString() };
    },

    /** `POST /api/satisfaction/link` (public): what a usable link is for. */
    async readLink(token: string): Promise<RatingLink> {
      const row = await repo.findByTokenHash(db, hashToken(token));
      if (!row || linkRefusal(row, now())) throw invalidLink();
      return { ticketNumber: Number(row.ticketNumber), rating: present(row).rating, comment: row.comment };
    },

    /** `POST /api/satisfaction/rate` (public): rates through a link, which is then used up. */
    async rateByLink(body: RateByLinkBody): Promise<RatingLink> {
      return db.transaction(async (tx) => {
        const row = await repo.findByTokenHash(tx, hashToken(body.token), { forUpdate: true });
        const at = now();
        if (!row || linkRefusal(row, at)) throw invalidLink();
        if (!isChangeable(row.ratedAt, at)) throw locked();
        const after = await repo.updateRequest(tx, row.id, { ...ratingFields(row, body, at), tokenUsedAt: at });
        return { ticketNumber: Number(after.ticketNumber), rating: present(after).rating, comment: after.comment };
      });
    },

    /** `GET /api/satisfaction/summary`: CSAT over 7 and 30 days for the departments the caller sees; `reader`: a read replica. */
    async summary(actor: Actor, reader: Db = db): Promise<SatisfactionSummary> {
      if (!canViewSummary(actor)) throw forbidden('Satisfaction figures need reports.view');
      const scope = summaryDepartments(actor);
      const at = now();
      const since7 = daysAfter(at, -7);
      const since30 = daysAfter(at, -30);
      const [counts, comments, departments] = await Promise.all([
        repo.countsSince(reader, scope, since7, since30, at),
        repo.latestComments(reader, scope, since30, at, LATEST_COMMENTS),
        cachedDepartments(deps.database),
      ]);

      type Sums = { good7: number; bad7: number; good30: number; bad30: number };
      const add = (map: Map<string | null, Sums>, key: string | null, c: Sums) => {
        const s = map.get(key) ?? { good7: 0, bad7: 0, good30: 0, bad30: 0 };
        map.set(key, {
          good7: s.good7 + c.good7,
          bad7: s.bad7 + c.bad7,
          good30: s.good30 + c.good30,
          bad30: s.bad30 + c.bad30,
        });
      };
      const windows = (s: Sums) => ({ last7Days: figure(s.good7, s.bad7), last30Days: figure(s.good30, s.bad30) });
      const byDept = new Map<string | null, Sums>();
      const byAgent = new Map<string | null, Sums>();
      const total = new Map<string | null, Sums>();
      for (const c of counts) {
        add(byDept, c.departmentId, c);
        add(byAgent, c.agentId, c);
        add(total, null, c);
      }
      const deptName = new Map(departments.map((d) => [d.id, d.name]));
      const agents = await Promise.all(
        [...byAgent.keys()].map(async (id) => (id ? ((await findUserBrief(db, id)) ?? { id, name: '' }) : null)),
      );

      return {
        overall: windows(total.get(null) ?? { good7: 0, bad7: 0, good30: 0, bad30: 0 }),
        byDepartment: [...byDept]
          .map(([id, s]) => ({
            department: { id: id as string, name: deptName.get(id as string) ?? '' },
            ...windows(s),
          }))
          .sort((a, b) => a.department.name.localeCompare(b.department.name)),
        byAgent: [...byAgent.values()]
          .map((s, i) => {
            const agent = agents[i];
            return { agent: agent ? { id: agent.id, name: agent.name } : null, ...windows(s) };
          })
          .sort((a, b) => (a.agent?.name ?? '\uffff').localeCompare(b.agent?.name ?? '\uffff')),
        latestComments: comments.map((r) => ({
          ticketId: r.ticketId,
          ticketNumber: Number(r.ticketNumber),
          rating: r.rating as 'good' | 'bad',
          comment: r.comment ?? '',
          ratedAt: (r.ratedAt ?? at).toISOString(),
        })),
      };
    },
  };
}
