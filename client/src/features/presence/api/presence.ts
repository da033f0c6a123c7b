import { okSchema, type PresenceState, ticketPresenceSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const POLL_MS = 5_000;

export const presenceKeys = { ticket: (ticketId: string) => ['presence', ticketId] as const };

/** `GET /api/tickets/:id/presence`: the other staff here now and the newest public message. */
export const getPresence = (ticketId: string, signal?: AbortSignal) =>
  api.get(`/api/tickets/${ticketId}/presence`, ticketPresenceSchema, { signal });

/** Polled every 5 s while the page is open (the composer's check reads the same cache). */
export const usePresence = (ticketId: string) =>
  useQuery({
    queryKey: presenceKeys.ticket(ticketId),
    queryFn: ({ signal }) => getPresence(ticketId, signal),
    refetchInterval: POLL_MS,
    retry: false,
  });

/** `PUT /api/tickets/:id/presence`: a heartbeat. */
export const sendHeartbeat = (ticketId: string, state: PresenceState) =>
  api.put(`/api/tickets/${ticketId}/presence`, okSchema, { state });

/** `DELETE /api/tickets/:id/presence`: the page was left. */
export const leave = (ticketId: string) => api.delete(`/api/tickets/${ticketId}/presence`, okSchema);
