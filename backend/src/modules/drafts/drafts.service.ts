import type { Draft, DraftBody, TicketDraftKind } from '@helpdesk/contract';
import type { AppDeps } from '../../app-deps.js';
import { type Actor, requireAllowed } from '../auth/actor.js';
import { createTicketService } from '../tickets/tickets.service.js';
import { canDraftNewTicket, canDraftOnTicket } from './drafts.policy.js';
import * as repo from './drafts.repository.js';

const present = (row: { body: string; subject: string | null; updatedAt: Date }): Draft => ({
  body: row.body,
  subject: row.subject,
  updatedAt: row.updatedAt.toISOString(),
});

/**
 * Drafts of replies, notes and new tickets (issue 17, docs/working-together.md), one per user,
 * ticket and kind, saved while typing and removed by the client once the message is sent. Only
 * their author ever reads them.
 */
export function createDraftService(deps: AppDeps) {
  const { db } = deps.database;
  const now = deps.now ?? (() => new Date());
  const tickets = createTicketService(deps);

  /** The key of a ticket draft: 404 when the ticket is not visible, 403 when the actor may not send that kind. */
  async function ticketKey(actor: Actor, ref: string, kind: TicketDraftKind): Promise<repo.DraftKey> {
    const ticket = await tickets.glance(actor, ref);
    requireAllowed(actor, (a) => canDraftOnTicket(a, kind));
    return { userId: actor.id, ticketId: ticket.id, kind };
  }

  function newTicketKey(actor: Actor): repo.DraftKey {
    requireAllowed(actor, canDraftNewTicket);
    return { userId: actor.id, ticketId: null, kind: 'new-ticket' };
  }

  const read = async (key: repo.DraftKey) => {
    const row = await repo.find(db, key);
    return row ? present(row) : null;
  };
  const save = async (key: repo.DraftKey, body: DraftBody, subject: string | null) =>
    present(await repo.save(db, key, { body: body.body, subject }, now()));

  return {
    /** `GET /api/tickets/:id/drafts/:kind`. */
    getForTicket: async (actor: Actor, ref: string, kind: TicketDraftKind) => read(await ticketKey(actor, ref, kind)),
    /** `PUT /api/tickets/:id/drafts/:kind`. */
    saveForTicket: async (actor: Actor, ref: string, kind: TicketDraftKind, body: DraftBody) =>
      save(await ticketKey(actor, ref, kind), body, null),
    /** `DELETE /api/tickets/:id/drafts/:kind`. */
    removeForTicket: async (actor: Actor, ref: string, kind: TicketDraftKind) =>
      repo.remove(db, await ticketKey(actor, ref, kind)),
    /** `GET /api/drafts/new-ticket`. */
    getNewTicket: (actor: Actor) => read(newTicketKey(actor)),
    /** `PUT /api/drafts/new-ticket`. */
    saveNewTicket: (actor: Actor, body: DraftBody) => save(newTicketKey(actor), body, body.subject ?? null),
    /** `DELETE /api/drafts/new-ticket`. */
    removeNewTicket: (actor: Actor) => repo.remove(db, newTicketKey(actor)),
  };
}
