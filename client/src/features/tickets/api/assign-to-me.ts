import { ticketDetailSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { ticketKeys } from './keys';

/** `POST /api/tickets/:id/assign-to-me`: when agents race, one wins and the others get a 409. */
export const assignToMe = (ticketId: string) => api.post(`/api/tickets/${ticketId}/assign-to-me`, ticketDetailSchema);

export const useAssignToMe = () => useRefreshingMutation(assignToMe, [ticketKeys.all]);
