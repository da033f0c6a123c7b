import type { TicketHistoryEntry } from '@helpdesk/contract';
import { Text, Timeline } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Empty, QueryView } from '../../../components/ui/states';
import { TimeAgo } from '../../../components/ui/time-ago';
import { useTicketHistory } from '../api/get-ticket-history';

/** Events without a field, by their catalogue key. */
const actions = new Set(['created', 'message_added', 'note_added']);

/** The fields whose changes the history records. */
const fields = new Set(['subject', 'status', 'priority', 'department', 'attachment']);

type HistoryKey = 'created' | 'message_added' | 'note_added';
const slaTargets = new Set(['first_response', 'next_response', 'resolution']);
type SlaTargetKey = 'first_response' | 'next_response' | 'resolution';
const linkActions = new Set(['merged', 'merged_from', 'split_to', 'split_from']);
type LinkKey = 'merged' | 'merged_from' | 'split_to' | 'split_from';
type FieldKey = 'subject' | 'status' | 'priority' | 'department' | 'attachment';

/** One line per event; values are names (or ids for messages), shown as text. */
export function describeEvent(e: TicketHistoryEntry, t: TFunction<'tickets'>): string {
  if (e.field === 'assignee') {
    if (e.newValue) return t('history.assignedTo', { name: e.newValue });
    return e.oldValue ? t('history.unassignedWas', { name: e.oldValue }) : t('history.unassigned');
  }
  // Merges and splits name the other ticket (issue 17).
  if (e.field === 'ticket' && linkActions.has(e.action)) {
    return t(`history.${e.action as LinkKey}`, { ticket: e.newValue ?? '' });
  }
  if (e.field === 'tags') {
    return e.newValue
      ? t('history.tagAdded', { name: e.newValue })
      : t('history.tagRemoved', { name: e.oldValue ?? '' });
  }
  if (e.field === 'sla') {
    // `first_response:2026-01-05T10:00:00.000Z`: the target and its due time (docs/sla.md).
    const [target = '', due = ''] = (e.newValue ?? '').split(/:(.*)/s);
    const kind = slaTargets.has(target) ? t(`history.slaTargets.${target as SlaTargetKey}`) : target;
    const at = due ? new Date(due).toLocaleString() : '';
    return e.action === 'sla_breached'
      ? t('history.slaBreached', { target: kind, at })
      : t('history.slaWarning', { target: kind, at });
  }
  if (e.field) {
    const label = fields.has(e.field) ? t(`history.fields.${e.field as FieldKey}`) : e.field;
    if (e.oldValue === null) return t('history.setTo', { field: label, value: e.newValue ?? '—' });
    return t('history.changed', { field: label, from: e.oldValue, to: e.newValue ?? '—' });
  }
  return actions.has(e.action) ? t(`history.${e.action as HistoryKey}`) : e.action.replace(/[._]/g, ' ');
}

export function HistoryTimeline({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('tickets');
  const history = useTicketHistory(ticketId);
  return (
    <QueryView query={history} empty={<Empty title={t('history.empty')} />}>
      {(events) => (
        <Timeline bulletSize={12} lineWidth={2} data-testid="history">
          {events.map((e) => (
            <Timeline.Item
              key={e.id}
              color={e.isInternal ? 'yellow' : undefined}
              title={
                <Text size="sm" className="user-text">
                  {describeEvent(e, t)}
                  {e.isInternal ? t('history.internal') : ''}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                {e.actor?.name ?? t('history.system')} · <TimeAgo value={e.createdAt} />
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </QueryView>
  );
}
