import type { TicketListItem } from '@helpdesk/contract';
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ColorBadge } from '../../../components/ui/color-badge';
import { TimeAgo } from '../../../components/ui/time-ago';
import { paths } from '../../../config/paths';

/** Tickets as short rows: number and subject (a link), status, last activity; open ones come first from the API. */
export function CustomerTickets({
  tickets,
  showCustomer = false,
  testId,
}: {
  tickets: TicketListItem[];
  showCustomer?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation('customers');
  if (tickets.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('tickets.none')}
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid={testId}>
      {tickets.map((ticket) => (
        <Stack key={ticket.id} gap={0}>
          <Anchor component={Link} to={paths.ticket(ticket.number)} size="sm" className="user-text">
            #{ticket.number} {ticket.subject}
          </Anchor>
          <Group gap={6}>
            <ColorBadge color={ticket.status.color}>{ticket.status.name}</ColorBadge>
            <Text size="xs" c="dimmed">
              {showCustomer && `${ticket.customer.name} · `}
              <TimeAgo value={ticket.lastActivityAt} />
            </Text>
          </Group>
        </Stack>
      ))}
    </Stack>
  );
}
