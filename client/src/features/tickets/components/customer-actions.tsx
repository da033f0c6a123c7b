import type { TicketDetail } from '@helpdesk/contract';
import { Button, Group } from '@mantine/core';
import { FormError } from '../../../components/ui/states';
import { useStatuses } from '../../../lib/api/get-statuses';
import { useUpdateTicket } from '../api/update-ticket';

/** Close and reopen, for the customer who owns the ticket. */
export function CustomerActions({ detail, detailKey }: { detail: TicketDetail; detailKey: string }) {
  const { ticket, allowedActions } = detail;
  const statuses = useStatuses();
  const update = useUpdateTicket(ticket.id, detailKey);
  const closed = ticket.status.isClosed;
  const target = closed
    ? (statuses.data?.find((s) => s.isDefault && !s.isClosed) ?? statuses.data?.find((s) => !s.isClosed))
    : (statuses.data?.find((s) => s.isClosed && /^closed$/i.test(s.name)) ?? statuses.data?.find((s) => s.isClosed));
  if (!allowedActions.includes(closed ? 'reopen' : 'close') || !target) return null;
  return (
    <Group justify="flex-end">
      <FormError error={update.error} />
      <Button
        variant={closed ? 'light' : 'default'}
        loading={update.isPending}
        onClick={() => update.mutate({ version: ticket.version, statusId: target.id })}
      >
        {closed ? 'Reopen ticket' : 'Close ticket'}
      </Button>
    </Group>
  );
}
