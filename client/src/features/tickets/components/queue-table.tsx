import type { TicketListItem } from '@helpdesk/contract';
import { Anchor, Checkbox, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Highlighted } from '../../../components/ui/highlighted';
import { SlaBadge } from '../../../components/ui/sla-badge';
import { TimeAgo } from '../../../components/ui/time-ago';
import { paths } from '../../../config/paths';
import { highlightTerms } from '../../../lib/highlight';
import { useFeatureSlots } from '../../../lib/slots';
import { usePrefetchTicket } from '../api/prefetch-ticket';
import type { QueueSelection } from '../hooks/use-queue-selection';
import { Snippet } from './snippet';
import { PriorityBadge, StatusBadge } from './ticket-badges';

/** The queue's rows: the keyboard cursor, a checkbox each for bulk actions, search hits marked. */
export function QueueTable({
  items,
  query,
  selection,
}: {
  items: TicketListItem[];
  /** The search, whose words are marked in the subjects. */
  query: string | undefined;
  selection: QueueSelection;
}) {
  const { t } = useTranslation('tickets');
  const { t: ts } = useTranslation('sla');
  const { cursor, setCursor, picked, toggle } = selection;
  const { queueRowExtras } = useFeatureSlots();
  const prefetch = usePrefetchTicket();
  const allPicked = items.length > 0 && items.every((row) => picked.has(row.id));
  const { queueColumns } = useFeatureSlots();
  const ids = items.map((row) => row.id);
  return (
    <Table highlightOnHover verticalSpacing="xs" data-testid="queue">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={36}>
            <Checkbox
              aria-label={t('table.selectAll')}
              checked={allPicked}
              indeterminate={picked.size > 0 && !allPicked}
              onChange={() => (allPicked ? selection.clearPicked() : selection.pickAll(items.map((row) => row.id)))}
            />
          </Table.Th>
          <Table.Th>{t('table.ticket')}</Table.Th>
          <Table.Th visibleFrom="sm">{t('table.status')}</Table.Th>
          <Table.Th visibleFrom="md">{t('table.priority')}</Table.Th>
          <Table.Th visibleFrom="md">{t('table.assignee')}</Table.Th>
          <Table.Th visibleFrom="sm">{t('table.activity')}</Table.Th>
          <Table.Th visibleFrom="sm">{ts('queue.column')}</Table.Th>
          {queueColumns?.header()}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((row, i) => (
          <Table.Tr
            key={row.id}
            data-row-index={i}
            data-testid="queue-row"
            aria-selected={cursor === i}
            className={cursor === i ? 'queue-row-selected' : undefined}
            // A click on the row moves the keyboard cursor there; a click on its link leaves the
            // queue, and re-rendering every row first delayed the ticket page (issue 22).
            onClick={(e) => {
              if (!(e.target instanceof Element && e.target.closest('a'))) setCursor(i);
            }}
          >
            <Table.Td>
              <Checkbox
                aria-label={t('table.select', { number: row.number })}
                checked={picked.has(row.id)}
                onChange={() => toggle(row.id)}
              />
            </Table.Td>
            <Table.Td style={{ minWidth: 0 }}>
              <Anchor
                component={Link}
                to={paths.ticket(row.id)}
                fw={600}
                size="sm"
                className="user-text"
                onMouseEnter={() => prefetch(row.id)}
                onFocus={() => prefetch(row.id)}
              >
                #{row.number} {query ? <Highlighted segments={highlightTerms(row.subject, query)} /> : row.subject}
              </Anchor>
              {queueRowExtras?.(row)}
              <Text size="xs" c="dimmed">
                {row.customer.name} · {row.department.name}
                <Text span hiddenFrom="sm" inherit>
                  {' '}
                  · {row.status.name}
                </Text>
              </Text>
              <Snippet snippet={row.snippet} />
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <StatusBadge status={row.status} />
            </Table.Td>
            <Table.Td visibleFrom="md">
              <PriorityBadge priority={row.priority} />
            </Table.Td>
            <Table.Td visibleFrom="md">
              <Text size="sm" c={row.assignee ? undefined : 'dimmed'}>
                {row.assignee?.name ?? t('table.unassigned')}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <Text size="xs">
                <TimeAgo value={row.lastActivityAt} />
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <SlaBadge sla={row.sla} />
            </Table.Td>
            {queueColumns?.cells(row.id, ids)}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
