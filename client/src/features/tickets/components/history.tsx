import { Text, Timeline } from '@mantine/core';
import { Empty, ErrorState, Loading } from '../../../components/ui/states';
import { TimeAgo } from '../../../components/ui/time-ago';
import type { HistoryEvent } from '../../../lib/types';
import { useTicketHistory } from '../api';

const actions: Record<string, string> = {
  created: 'Created the ticket',
  message_added: 'Replied',
  note_added: 'Added an internal note',
  assigned: 'Assigned the ticket',
  unassigned: 'Unassigned the ticket',
  attachment_added: 'Attached a file',
};

/** One line per event; values are names (or ids for messages), shown as text. */
export function describeEvent(e: HistoryEvent): string {
  if (e.field) {
    const field = e.field.replace(/_?id$|Id$/i, '').replace(/_/g, ' ');
    const label = field.charAt(0).toUpperCase() + field.slice(1);
    if (e.field === 'assignee' || e.field === 'assigned_to' || e.field === 'assignedTo') {
      return e.newValue ? `Assigned to ${e.newValue}` : `Unassigned${e.oldValue ? ` (was ${e.oldValue})` : ''}`;
    }
    if (e.oldValue === null) return `${label} set to ${e.newValue ?? '—'}`;
    return `${label}: ${e.oldValue} → ${e.newValue ?? '—'}`;
  }
  if (e.action === 'assigned' && e.newValue) return `Assigned to ${e.newValue}`;
  return actions[e.action] ?? e.action.replace(/[._]/g, ' ');
}

export function HistoryTimeline({ ticketId }: { ticketId: string }) {
  const history = useTicketHistory(ticketId, true);
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => history.refetch()} />;
  if (history.data.length === 0) return <Empty title="No history yet" />;
  return (
    <Timeline bulletSize={12} lineWidth={2} data-testid="history">
      {history.data.map((e) => (
        <Timeline.Item
          key={e.id}
          color={e.isInternal ? 'yellow' : undefined}
          title={
            <Text size="sm" className="user-text">
              {describeEvent(e)}
              {e.isInternal ? ' (internal)' : ''}
            </Text>
          }
        >
          <Text size="xs" c="dimmed">
            {e.actor?.name ?? 'System'} · <TimeAgo value={e.createdAt} />
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
