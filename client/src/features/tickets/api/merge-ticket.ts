import { ticketDetailSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { ticketKeys } from './keys';

/** `POST /api/tickets/:id/merge`: this ticket into `into` (id or number); answers the target. */
export const mergeTicket = ({ ticketId, into }: { ticketId: string; into: string }) =>
  api.post(`/api/tickets/${ticketId}/merge`, ticketDetailSchema, { into });

/** `POST /api/tickets/:id/messages/:messageId/split`: a public message as its own ticket; answers the new one. */
export const splitMessage = ({
  ticketId,
  messageId,
  subject,
}: {
  ticketId: string;
  messageId: string;
  subject: string;
}) =>
  api.post(`/api/tickets/${ticketId}/messages/${messageId}/split`, ticketDetailSchema, {
    subject: subject.trim() || undefined,
  });

export const useMergeTicket = () => useRefreshingMutation(mergeTicket, [ticketKeys.all]);
export const useSplitMessage = () => useRefreshingMutation(splitMessage, [ticketKeys.all]);
