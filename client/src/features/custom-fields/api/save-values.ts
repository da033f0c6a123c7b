import { type CustomFieldValues, ticketDetailSchema } from '@helpdesk/contract';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { fieldKeys } from './keys';

/** `PATCH /api/tickets/:id` with `customFields`, at the version on screen (stale: 409). */
export const saveValues = (ticketId: string, version: number, customFields: CustomFieldValues) =>
  api.patch(`/api/tickets/${ticketId}`, ticketDetailSchema, { version, customFields });

export const useSaveValues = (ticketId: string) =>
  useRefreshingMutation(
    ({ version, values }: { version: number; values: CustomFieldValues }) => saveValues(ticketId, version, values),
    [fieldKeys.ofTicket(ticketId)],
  );
