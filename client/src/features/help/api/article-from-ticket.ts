import { kbArticleSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { helpKeys } from './keys';

/** `POST /api/help/articles/from-ticket/:id`: a draft from the ticket's subject and public conversation. */
export const articleFromTicket = (ticketId: string) =>
  api.post(`/api/help/articles/from-ticket/${ticketId}`, kbArticleSchema);

export const useArticleFromTicket = () => useRefreshingMutation(articleFromTicket, [helpKeys.all]);
