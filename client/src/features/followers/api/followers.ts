import { ticketFollowersSchema } from '@helpdesk/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

// Under the tickets' key: a reply (which makes its author a follower) refreshes the list with the ticket.
export const followerKeys = { ticket: (ticketId: string) => ['tickets', 'followers', ticketId] as const };

/** `GET /api/tickets/:id/followers`: who follows the ticket, and whether I do. */
export const getFollowers = (ticketId: string, signal?: AbortSignal) =>
  api.get(`/api/tickets/${ticketId}/followers`, ticketFollowersSchema, { signal });

export const useFollowers = (ticketId: string) =>
  useQuery({ queryKey: followerKeys.ticket(ticketId), queryFn: ({ signal }) => getFollowers(ticketId, signal) });

/** `PUT` / `DELETE /api/tickets/:id/followers/me`: follow or unfollow; the answer is the new list. */
export function useSetFollowing(ticketId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (follow: boolean) =>
      follow
        ? api.put(`/api/tickets/${ticketId}/followers/me`, ticketFollowersSchema, {})
        : api.delete(`/api/tickets/${ticketId}/followers/me`, ticketFollowersSchema),
    onSuccess: (data) => qc.setQueryData(followerKeys.ticket(ticketId), data),
  });
}
