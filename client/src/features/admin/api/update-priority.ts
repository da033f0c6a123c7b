import { ticketPrioritySchema, type UpdatePriorityBody } from '@helpdesk/contract';
import { prioritiesKey } from '../../../lib/api/get-priorities';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';

/** `PATCH /api/priorities/:id`. */
export const updatePriority = ({ id, ...body }: UpdatePriorityBody & { id: string }) =>
  api.patch(`/api/priorities/${id}`, ticketPrioritySchema, body);

export const useUpdatePriority = () => useRefreshingMutation(updatePriority, [prioritiesKey]);
