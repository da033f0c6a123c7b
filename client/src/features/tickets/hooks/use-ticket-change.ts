import type { Ticket } from '@helpdesk/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ticketKeys } from '../api/keys';
import {
  currentTicketOf,
  isVersionConflict,
  type TicketChange,
  useShowCurrentTicket,
  useUpdateTicket,
} from '../api/update-ticket';

/** A change refused because someone else changed the ticket after it was shown. */
export interface Conflict {
  attempted: TicketChange;
  /** The ticket as the agent saw it. */
  shown: Ticket;
  /** The ticket as it is now (missing when the caller may no longer see it). */
  current: Ticket | undefined;
}

/**
 * Changes a ticket at the version on screen. A stale version keeps what the agent tried, shows
 * the ticket as it is now, and offers to apply the change again on top of it.
 */
export function useTicketChange(ticket: Ticket, detailKey: string, onSaved: () => void) {
  const qc = useQueryClient();
  const update = useUpdateTicket(ticket.id, detailKey);
  const showCurrent = useShowCurrentTicket(detailKey);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  function change(attempted: TicketChange, base: Ticket = ticket) {
    update.mutate(
      { version: base.version, ...attempted },
      {
        onSuccess: () => {
          setConflict(null);
          onSaved();
        },
        onError: (err) => {
          if (!isVersionConflict(err)) return;
          const current = currentTicketOf(err);
          setConflict({ attempted, shown: base, current });
          if (current) showCurrent(current);
        },
      },
    );
  }

  function keepTheirs() {
    setConflict(null);
    void qc.invalidateQueries({ queryKey: ticketKeys.all });
  }

  return { change, conflict, keepTheirs, pending: update.isPending, error: update.error };
}
