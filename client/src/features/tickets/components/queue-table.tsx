import type { TicketListItem } from '@helpdesk/contract';
import { Anchor, Checkbox, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Highlighted } from '../../../components/ui/highlighted';
import { TimeAgo } from '../../../components/ui/time-ago';
import { paths } from '../../../config/paths';
import { highlightTerms } from '../../../lib/highlight';
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
  const { cursor, setCursor, picked, toggle } = selection;
  const allPicked = items.length > 0 && items.every((t) => picked.has(t.id));
  return (
    <Table highlightOnHover verticalSpacing="xs" data-testid="queue">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={36}>
            <Checkbox
              aria-label="Select all tickets"
              checked={allPicked}
              indeterminate={picked.size > 0 && !allPicked}
              onChange={() => (allPicked ? selection.clearPicked() : selection.pickAll(items.map((t) => t.id)))}
            />
          </Table.Th>
          <Table.Th>Ticket</Table.Th>
          <Table.Th visibleFrom="sm">Status</Table.Th>
          <Table.Th visibleFrom="md">Priority</Table.Th>
          <Table.Th visibleFrom="md">Assignee</Table.Th>
          <Table.Th visibleFrom="sm">Activity</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((t, i) => (
          <Table.Tr
            key={t.id}
            data-row-index={i}
            data-testid="queue-row"
            aria-selected={cursor === i}
            className={cursor === i ? 'queue-row-selected' : undefined}
            onClick={() => setCursor(i)}
          >
            <Table.Td>
              <Checkbox
                aria-label={`Select ticket #${t.number}`}
                checked={picked.has(t.id)}
                onChange={() => toggle(t.id)}
              />
            </Table.Td>
            <Table.Td style={{ minWidth: 0 }}>
              <Anchor component={Link} to={paths.ticket(t.id)} fw={600} size="sm" className="user-text">
                #{t.number} {query ? <Highlighted segments={highlightTerms(t.subject, query)} /> : t.subject}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t.customer.name} · {t.department.name}
                <Text span hiddenFrom="sm" inherit>
                  {' '}
                  · {t.status.name}
                </Text>
              </Text>
              <Snippet snippet={t.snippet} />
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <StatusBadge status={t.status} />
            </Table.Td>
            <Table.Td visibleFrom="md">
              <PriorityBadge priority={t.priority} />
            </Table.Td>
            <Table.Td visibleFrom="md">
              <Text size="sm" c={t.assignee ? undefined : 'dimmed'}>
                {t.assignee?.name ?? 'Unassigned'}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <Text size="xs">
                <TimeAgo value={t.lastActivityAt} />
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
