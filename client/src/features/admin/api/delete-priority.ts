import { okSchema } from '@helpdesk/contract';
import { prioritiesKey } from '../../../lib/api/get-priorities';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';

/** `DELETE /api/priorities/:id`. */
export const deletePriority = (id: string) => api.delete(`/api/priorities/${id}`, okSchema);

export const useDeletePriority = () => useRefreshingMutation(deletePriority, [prioritiesKey]);
