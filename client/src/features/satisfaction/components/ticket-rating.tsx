import type { SatisfactionRating } from '@helpdesk/contract';
import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../../components/ui/panel';
import { TimeAgo } from '../../../components/ui/time-ago';
import { useUser } from '../../../lib/auth';
import { isStaff } from '../../../lib/permissions';
import { shortDateTime } from '../../../lib/time';
import { useTicketSatisfaction } from '../api/get-ticket-satisfaction';
import { useRateTicket } from '../api/rate-ticket';
import { RatingBadge } from './rating-badge';
import { RatingForm } from './rating-form';

type TicketInfo = { id: string; version: number; isClosed: boolean };

/**
 * On a ticket page: "How did we do?" for its customer once it is resolved (changeable for 7
 * days), and the ratings for staff. Comments are shown as text, never as HTML.
 */
export function TicketRating({ ticket }: { ticket: TicketInfo }) {
  const user = useUser();
  const query = useTicketSatisfaction(ticket.id, ticket.version);
  if (!query.data || query.data.ratings.length === 0) return null;
  return isStaff(user) ? (
    <StaffRatings ratings={query.data.ratings} />
  ) : (
    <CustomerRating
      ticket={ticket}
      current={query.data.ratings.find((r) => r.isCurrent)}
      canRate={query.data.canRate}
    />
  );
}

function Comment({ rating }: { rating: SatisfactionRating }) {
  return rating.comment ? (
    <Text size="sm" className="user-text" data-testid="rating-comment">
      {rating.comment}
    </Text>
  ) : null;
}

function CustomerRating({
  ticket,
  current,
  canRate,
}: {
  ticket: TicketInfo;
  current: SatisfactionRating | undefined;
  canRate: boolean;
}) {
  const { t } = useTranslation('satisfaction');
  const rate = useRateTicket(ticket.id, ticket.version);
  // Asked while the ticket is resolved; a reopened ticket is asked again at its next resolution.
  if (!current || (!ticket.isClosed && !current.rating)) return null;
  const open = canRate && ticket.isClosed;
  return (
    <Panel title={t('ask.title')}>
      <Stack gap="xs" data-testid="ticket-rating">
        {current.rating && (
          <Group gap="xs">
            <Text size="sm">{t('ask.yourRating')}</Text>
            <RatingBadge rating={current.rating} />
          </Group>
        )}
        {current.rating && !open && <Comment rating={current} />}
        {open && current.changeableUntil && (
          <Text size="sm" c="dimmed">
            {t('ask.changeableUntil', { date: shortDateTime(current.changeableUntil) })}
          </Text>
        )}
        {open && (
          <RatingForm
            key={`${current.id}-${current.rating}-${current.comment}`}
            initial={current}
            submitLabel={current.rating ? t('ask.change') : t('ask.send')}
            pending={rate.isPending}
            error={rate.error}
            onSubmit={(body) => rate.mutate({ ticketId: ticket.id, body })}
          />
        )}
        {rate.isSuccess && (
          <Text size="sm" role="status">
            {t('ask.thanks')}
          </Text>
        )}
      </Stack>
    </Panel>
  );
}

function StaffRatings({ ratings }: { ratings: SatisfactionRating[] }) {
  const { t } = useTranslation('satisfaction');
  return (
    <Panel title={t('staff.title')} padding="sm">
      <Stack gap="xs" data-testid="ticket-rating">
        {ratings.map((r) => (
          <Stack key={r.id} gap={2}>
            <Group gap="xs">
              <RatingBadge rating={r.rating} />
              <Text size="xs" c="dimmed">
                {r.ratedAt ? (
                  <>
                    {t('staff.rated')} <TimeAgo value={r.ratedAt} />
                  </>
                ) : (
                  <>
                    {t('staff.asked')} <TimeAgo value={r.requestedAt} />
                  </>
                )}
                {!r.isCurrent && ` · ${t('staff.earlier')}`}
              </Text>
            </Group>
            <Comment rating={r} />
          </Stack>
        ))}
      </Stack>
    </Panel>
  );
}
