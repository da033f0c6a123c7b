import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { notificationKeys } from '../api/keys';

/**
 * On a ticket page: the server marked the user's notifications of this ticket read when it
 * answered the ticket (GET /api/tickets/:id), so the bell's count and lists are refetched now.
 * Mounted with the ticket's id as its key: once per ticket opened.
 */
export function TicketOpened() {
  const qc = useQueryClient();
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: notificationKeys.all });
  }, [qc]);
  return null;
}
