import { ticketStatusSchema, type UpdateStatusBody } from '@helpdesk/contract';
import { statusesKey } from '../../../lib/api/get-statuses';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';

/** `PATCH /api/statuses/:id`. */
export const updateStatus = ({ id, ...body }: UpdateStatusBody & { id: string }) =>
  api.patch(`/api/statuses/${id}`, ticketStatusSchema, body);

export const useUpdateStatus = () => useRefreshingMutation(updateStatus, [statusesKey]);
