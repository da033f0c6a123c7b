import { type Notification, notificationTypes } from '@helpdesk/contract';
import { Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, QueryView } from '../../components/ui/states';
import { TimeAgo } from '../../components/ui/time-ago';
import { paths } from '../../config/paths';
import { useFeatureSlots } from '../../lib/slots';
import { type NotificationFilters, useNotificationPages } from './api/list-notifications';
import { useMarkAllRead } from './api/mark-all-read';
import { useMarkRead } from './api/mark-read';

type NotificationType = Notification['type'];

/** All of the user's notifications, newest first, with filters; each opens its ticket. */
export default function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const [unread, setUnread] = useState(false);
  const [type, setType] = useState<NotificationType | null>(null);
  const [ticketText, setTicketText] = useState('');
  const ticket = /^#?\d{1,9}$/.test(ticketText.trim()) ? Number(ticketText.trim().replace('#', '')) : undefined;
  const filters: NotificationFilters = { unread, type: type ?? undefined, ticket: ticket || undefined };
  const pages = useNotificationPages(filters);
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const navigate = useNavigate();
  const { notificationActions } = useFeatureSlots();

  const open = (n: Notification) => {
    // Opening the ticket marks its notifications read on the server; one without a ticket is marked here.
    if (n.ticketId) navigate(paths.ticket(n.ticketId, n.messageId));
    else if (!n.isRead) markRead.mutate(n.id);
  };

  return (
    <Stack maw={800}>
      <PageHeader title={t('title')}>
        <Button variant="light" onClick={() => markAllRead.mutate()} loading={markAllRead.isPending}>
          {t('markAllRead')}
        </Button>
      </PageHeader>
      <Group align="end">
        <SegmentedControl
          aria-label={t('page.show')}
          value={unread ? 'unread' : 'all'}
          onChange={(v) => setUnread(v === 'unread')}
          data={[
            { value: 'all', label: t('page.all') },
            { value: 'unread', label: t('page.unread') },
          ]}
        />
        <Select
          label={t('page.type')}
          value={type ?? ''}
          allowDeselect={false}
          onChange={(v) => setType((v || null) as NotificationType | null)}
          data={[
            { value: '', label: t('page.anyType') },
            ...notificationTypes.map((value) => ({ value, label: t(`types.${value}`) })),
          ]}
          w={220}
        />
        <TextInput
          label={t('page.ticket')}
          placeholder="#123"
          value={ticketText}
          onChange={(e) => setTicketText(e.currentTarget.value)}
          w={120}
        />
      </Group>
      <QueryView query={pages} empty={<Empty title={t('empty')} />}>
        {(items) => (
          <Stack gap="xs" data-testid="notifications-page-list">
            {items.map((n) => (
              <Paper
                key={n.id}
                withBorder
                p="sm"
                data-unread={!n.isRead || undefined}
                style={{ background: n.isRead ? undefined : 'var(--mantine-color-blue-light)' }}
              >
                <Group justify="space-between" wrap="nowrap" align="start">
                  <UnstyledButton onClick={() => open(n)} style={{ flex: 1 }}>
                    <Text size="sm" fw={n.isRead ? 400 : 600} className="user-text">
                      {n.title}
                    </Text>
                    {n.body && (
                      <Text size="xs" c="dimmed" lineClamp={2} className="user-text">
                        {n.body}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {t(`types.${n.type}`)} · <TimeAgo value={n.createdAt} />
                    </Text>
                  </UnstyledButton>
                  <Group gap="xs" wrap="nowrap">
                    {notificationActions?.(n)}
                    {!n.isRead && (
                      <Button size="compact-xs" variant="subtle" onClick={() => markRead.mutate(n.id)}>
                        {t('page.markRead')}
                      </Button>
                    )}
                  </Group>
                </Group>
              </Paper>
            ))}
            {pages.hasNextPage && (
              <Button variant="light" onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
                {t('page.loadMore')}
              </Button>
            )}
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}
