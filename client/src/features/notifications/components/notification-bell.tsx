import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Empty, QueryView } from '../../../components/ui/states';
import { TimeAgo } from '../../../components/ui/time-ago';
import { paths } from '../../../config/paths';
import { useNotifications } from '../api/get-notifications';
import { useUnreadCount } from '../api/get-unread-count';
import { useMarkAllRead } from '../api/mark-all-read';
import { useMarkRead } from '../api/mark-read';

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
      <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/** The bell in the header: unread count polled every 15 s, the latest notifications on click. */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const [opened, setOpened] = useState(false);
  const count = useUnreadCount();
  const list = useNotifications(opened);
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const navigate = useNavigate();
  if (count.data === undefined) return null;
  const unread = count.data;
  return (
    <Popover opened={opened} onChange={setOpened} width={340} position="bottom-end" shadow="md" trapFocus>
      <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} color="red" offset={4}>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={unread ? t('bellUnread', { count: unread }) : t('bell')}
            onClick={() => setOpened((o) => !o)}
            data-testid="notification-bell"
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t('title')}</Text>
          <Button size="compact-xs" variant="subtle" disabled={!unread} onClick={() => markAllRead.mutate()}>
            {t('markAllRead')}
          </Button>
        </Group>
        <QueryView query={list} empty={<Empty title={t('empty')} />}>
          {(items) => (
            <ScrollArea.Autosize mah={380}>
              <Stack gap={2} data-testid="notification-list">
                {items.map((n) => (
                  <UnstyledButton
                    key={n.id}
                    p="xs"
                    style={{ borderRadius: 6, background: n.isRead ? undefined : 'var(--mantine-color-blue-light)' }}
                    onClick={() => {
                      if (!n.isRead) markRead.mutate(n.id);
                      setOpened(false);
                      if (n.ticketId) navigate(paths.ticket(n.ticketId, n.messageId));
                    }}
                  >
                    <Text size="sm" fw={n.isRead ? 400 : 600}>
                      {n.title}
                    </Text>
                    {n.body && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {n.body}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      <TimeAgo value={n.createdAt} />
                    </Text>
                  </UnstyledButton>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </QueryView>
        <Button
          fullWidth
          mt="xs"
          size="compact-sm"
          variant="light"
          onClick={() => {
            setOpened(false);
            navigate(paths.notifications);
          }}
        >
          {t('seeAll')}
        </Button>
      </Popover.Dropdown>
    </Popover>
  );
}
