import { inboundMailSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

// Under the tickets' key: a new message refreshes the list with the ticket.
export const mailOriginalKeys = { ticket: (ticketId: string) => ['tickets', 'mail-originals', ticketId] as const };

/** `GET /api/tickets/:id/mail-originals`: the ticket's messages that came in by e-mail (staff). */
export const useMailOriginals = (ticketId: string) =>
  useQuery({
    queryKey: mailOriginalKeys.ticket(ticketId),
    queryFn: ({ signal }) => api.get(`/api/tickets/${ticketId}/mail-originals`, z.array(inboundMailSchema), { signal }),
  });

/** Where the browser downloads one original (.eml). */
export const originalUrl = (id: string) => `/api/mail/inbound/${id}/original`;
