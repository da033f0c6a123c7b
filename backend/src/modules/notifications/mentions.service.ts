import type { Mentionable } from '@helpdesk/contract';
import type { AppDeps } from '../../app-deps.js';
import { notFound } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { canAddInternalNote } from '../tickets/tickets.policy.js';
import { createTicketService } from '../tickets/tickets.service.js';
import { mayReceive } from './notifications.policy.js';
import * as repo from './notifications.repository.js';

const HANDLE = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

/**
 * What to type after `@` for this person: the name with dots ("maya.patel"), or the e-mail's
 * local part when the name has other characters. Both are handles mentionedHandles matches.
 */
export function handleOf(user: { name: string; email: string }): string {
  const dotted = user.name.trim().toLowerCase().split(/\s+/).join('.');
  return HANDLE.test(dotted) ? dotted : (user.email.split('@')[0] ?? '').toLowerCase();
}

/** `GET /api/tickets/:id/mentionable`: the staff a note on this ticket can mention (issue 17). */
export function createMentionService(deps: AppDeps) {
  const { db } = deps.database;
  const tickets = createTicketService(deps);
  return {
    async list(actor: Actor, ref: string, q: string): Promise<Mentionable[]> {
      // Only those who write notes mention; everyone else learns nothing, not even that the ticket exists.
      if (!canAddInternalNote(actor)) throw notFound('Ticket');
      const ticket = await tickets.glance(actor, ref);
      const rows = await repo.findMentionCandidates(db, ticket.departmentId, q);
      return rows
        .filter((u) => u.id !== actor.id && mayReceive({ ...u, permissions: new Set(u.permissions) }, ticket, true))
        .slice(0, 10)
        .map((u) => ({ id: u.id, name: u.name, handle: handleOf(u) }));
    },
  };
}
