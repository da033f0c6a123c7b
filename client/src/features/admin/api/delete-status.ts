import { okSchema } from '@helpdesk/contract';
import { statusesKey } from '../../../lib/api/get-statuses';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';

/** `DELETE /api/statuses/:id`. */
export const deleteStatus = (id: string) => api.delete(`/api/statuses/${id}`, okSchema);

export const useDeleteStatus = () => useRefreshingMutation(deleteStatus, [statusesKey]);
