import { Text, Timeline } from '@mantine/core';
import { Empty, ErrorState, Loading } from '../../../components/ui/states';
import { TimeAgo } from '../../../components/ui/time-ago';
import type { HistoryEvent } from '../../../lib/types';
import { useTicketHistory } from '../api';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return String(o.name ?? o.label ?? JSON.stringify(v));
  }
  return String(v);
}

function describe(e: HistoryEvent): string {
  const field = e.field ? e.field.replace(/_id$|Id$/, '').replace(/_/g, ' ') : '';
  if (field && (e.oldValue !== undefined || e.newValue !== undefined)) {
    return `${field}: ${show(e.oldValue)} → ${show(e.newValue)}`;
  }
  return e.action.replace(/[._]/g, ' ');
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
          title={
            <Text size="sm" className="user-text">
              {describe(e)}
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
