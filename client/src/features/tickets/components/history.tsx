import type { TicketHistoryEntry } from '@helpdesk/contract';
import { Text, Timeline } from '@mantine/core';
import { Empty, QueryView } from '../../../components/ui/states';
import { TimeAgo } from '../../../components/ui/time-ago';
import { useTicketHistory } from '../api/get-ticket-history';

/** Events without a field. */
const actions: Record<string, string> = {
  created: 'Created the ticket',
  message_added: 'Replied',
  note_added: 'Added an internal note',
};

/** The fields whose changes the history records. */
const fields: Record<string, string> = {
  subject: 'Subject',
  status: 'Status',
  priority: 'Priority',
  department: 'Department',
  attachment: 'Attachment',
};

/** One line per event; values are names (or ids for messages), shown as text. */
export function describeEvent(e: TicketHistoryEntry): string {
  if (e.field === 'assignee') {
    return e.newValue ? `Assigned to ${e.newValue}` : `Unassigned${e.oldValue ? ` (was ${e.oldValue})` : ''}`;
  }
  if (e.field) {
    const label = fields[e.field] ?? e.field;
    if (e.oldValue === null) return `${label} set to ${e.newValue ?? '—'}`;
    return `${label}: ${e.oldValue} → ${e.newValue ?? '—'}`;
  }
  return actions[e.action] ?? e.action.replace(/[._]/g, ' ');
}

export function HistoryTimeline({ ticketId }: { ticketId: string }) {
  const history = useTicketHistory(ticketId);
  return (
    <QueryView query={history} empty={<Empty title="No history yet" />}>
      {(events) => (
        <Timeline bulletSize={12} lineWidth={2} data-testid="history">
          {events.map((e) => (
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
      )}
    </QueryView>
  );
}
