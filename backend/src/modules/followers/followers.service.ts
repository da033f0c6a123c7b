import type { TicketFollowers } from '@helpdesk/contract';
import type { AppDeps } from '../../app-deps.js';
import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { createTicketService } from '../tickets/tickets.service.js';
import { canFollow } from './followers.policy.js';
import * as repo from './followers.repository.js';

export { addFollowers, copyFollowers, listFollowers } from './follower-list.service.js';

/** Follow and unfollow a ticket (issue 17, docs/working-together.md). */
export function createFollowerService(deps: AppDeps) {
  const { db } = deps.database;
  const tickets = createTicketService(deps);

  /** The ticket for staff who may see it; 404 for customers and for staff who may not. */
  async function ticketFor(actor: Actor, ref: string) {
    if (!canFollow(actor)) throw notFound('Ticket');
    return tickets.glance(actor, ref);
  }
  async function answer(dbx: DbOrTx, actor: Actor, ticketId: string): Promise<TicketFollowers> {
    const followers = await repo.list(dbx, ticketId);
    return { followers, following: followers.some((f) => f.id === actor.id) };
  }

  return {
    /** `GET /api/tickets/:id/followers`. */
    async list(actor: Actor, ref: string): Promise<TicketFollowers> {
      const ticket = await ticketFor(actor, ref);
      return answer(db, actor, ticket.id);
    },
    /** `PUT /api/tickets/:id/followers/me` (idempotent). */
    async follow(actor: Actor, ref: string): Promise<TicketFollowers> {
      const ticket = await ticketFor(actor, ref);
      await repo.add(db, ticket.id, [actor.id]);
      return answer(db, actor, ticket.id);
    },
    /** `DELETE /api/tickets/:id/followers/me` (idempotent): from the ticket or from a notification. */
    async unfollow(actor: Actor, ref: string): Promise<TicketFollowers> {
      const ticket = await ticketFor(actor, ref);
      await repo.remove(db, ticket.id, actor.id);
      return answer(db, actor, ticket.id);
    },
  };
}
