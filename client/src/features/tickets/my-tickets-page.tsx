import { Anchor, Button, Card, Group, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Empty, ErrorState, Loading } from '../../components/ui/states';
import { TimeAgo } from '../../components/ui/time-ago';
import { paths } from '../../config/paths';
import { useTicketList } from './api';
import { Snippet } from './components/snippet';
import { StatusBadge } from './components/ticket-badges';

/** A customer's own tickets: open/closed tabs and search. */
export default function MyTicketsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('status') === 'closed' ? 'closed' : 'open';
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const list = useTicketList({ status: tab, q: debounced || undefined });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          My tickets
        </Title>
        <Button component={Link} to={paths.newTicket}>
          New ticket
        </Button>
      </Group>
      <TextInput
        type="search"
        aria-label="Search my tickets"
        placeholder="Search my tickets"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      <Tabs
        value={tab}
        onChange={(v) => {
          const next = new URLSearchParams(params);
          next.set('status', v ?? 'open');
          setParams(next, { replace: true });
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="open">Open</Tabs.Tab>
          <Tabs.Tab value="closed">Closed</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={debounced ? 'No tickets match' : tab === 'open' ? 'No open tickets' : 'No closed tickets'}>
          {tab === 'open' && !debounced ? 'When you need help, file a new ticket.' : undefined}
        </Empty>
      ) : (
        <Stack gap="xs" data-testid="ticket-list">
          {items.map((t) => (
            <Card key={t.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={paths.ticket(t.id)} fw={600} className="user-text">
                    #{t.number} {t.subject}
                  </Anchor>
                  <Snippet snippet={t.snippet} />
                  <Text size="xs" c="dimmed">
                    {t.department.name} · updated <TimeAgo value={t.lastActivityAt ?? t.updatedAt} /> · {t.messageCount}{' '}
                    {t.messageCount === 1 ? 'message' : 'messages'}
                  </Text>
                </Stack>
                <StatusBadge status={t.status} />
              </Group>
            </Card>
          ))}
          {list.hasNextPage && (
            <Button variant="light" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
              Load more
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}
