import { PRESENCE_TTL_SECONDS, type PresenceBody, type TicketPresence } from '@helpdesk/contract';
import type { AppDeps } from '../../app-deps.js';
import { notFound } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { createTicketService } from '../tickets/tickets.service.js';
import { canUsePresence } from './presence.policy.js';
import * as repo from './presence.repository.js';

/** Who else is on a ticket page (issue 17, docs/working-together.md): heartbeats with an expiry. */
export function createPresenceService(deps: AppDeps) {
  const { db } = deps.database;
  const now = deps.now ?? (() => new Date());
  const tickets = createTicketService(deps);

  /** The ticket for staff who may see it; 404 for customers and for staff who may not. */
  async function ticketFor(actor: Actor, ref: string) {
    if (!canUsePresence(actor)) throw notFound('Ticket');
    return tickets.glance(actor, ref);
  }

  return {
    /** `PUT /api/tickets/:id/presence`: a heartbeat, valid for PRESENCE_TTL_SECONDS. */
    async beat(actor: Actor, ref: string, body: PresenceBody): Promise<void> {
      const ticket = await ticketFor(actor, ref);
      const at = now();
      await repo.upsert(db, ticket.id, actor.id, body.state, at, new Date(at.getTime() + PRESENCE_TTL_SECONDS * 1000));
    },

    /** `DELETE /api/tickets/:id/presence`: the page was closed. */
    async leave(actor: Actor, ref: string): Promise<void> {
      const ticket = await ticketFor(actor, ref);
      await repo.remove(db, ticket.id, actor.id);
    },

    /** `GET /api/tickets/:id/presence`: the other staff here now and the newest public message. */
    async read(actor: Actor, ref: string): Promise<TicketPresence> {
      if (!canUsePresence(actor)) throw notFound('Ticket');
      // One statement: the ticket's access fields, its newest public message and the others here.
      const ticket = await tickets.glanceWith<repo.PresentOther[]>(actor, ref, repo.othersColumn(actor.id, now()));
      const last = ticket.lastPublicMessage;
      return {
        others: ticket.extra.map((r) => ({ user: { id: r.userId, name: r.name }, state: r.state })),
        lastPublicMessage: last
          ? {
              id: last.id,
              author: { id: last.authorId, name: last.authorName },
              createdAt: last.createdAt.toISOString(),
            }
          : null,
      };
    },
  };
}
