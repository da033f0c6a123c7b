import { mentionableSchema } from '@helpdesk/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './keys';

/** `GET /api/tickets/:id/mentionable?q=`: staff a note on the ticket can @mention (issue 17). */
export const getMentionable = (ticketId: string, q: string, signal?: AbortSignal) =>
  api.get(`/api/tickets/${ticketId}/mentionable?q=${encodeURIComponent(q)}`, z.array(mentionableSchema), { signal });

/** Asked only while `q` is not null (an `@word` is being typed). */
export const useMentionable = (ticketId: string, q: string | null) =>
  useQuery({
    queryKey: ticketKeys.mentionable(ticketId, q ?? ''),
    queryFn: ({ signal }) => getMentionable(ticketId, q ?? '', signal),
    enabled: q !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
