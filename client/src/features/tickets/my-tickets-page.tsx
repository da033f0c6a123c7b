import { Anchor, Button, Card, Group, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, QueryView } from '../../components/ui/states';
import { TimeAgo } from '../../components/ui/time-ago';
import { paths } from '../../config/paths';
import { useSearchBox } from '../../lib/use-search-box';
import { useTicketList } from './api/list-tickets';
import { Snippet } from './components/snippet';
import { StatusBadge } from './components/ticket-badges';

/** A customer's own tickets: open/closed tabs and search. */
export default function MyTicketsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('status') === 'closed' ? 'closed' : 'open';
  const search = useSearchBox(params.get('q') ?? '');
  const list = useTicketList({ status: tab, q: search.query || undefined });

  return (
    <Stack>
      <PageHeader title="My tickets">
        <Button component={Link} to={paths.newTicket}>
          New ticket
        </Button>
      </PageHeader>
      <TextInput aria-label="Search my tickets" placeholder="Search my tickets" {...search.inputProps} />
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
      <QueryView
        query={list}
        empty={
          <Empty title={search.query ? 'No tickets match' : tab === 'open' ? 'No open tickets' : 'No closed tickets'}>
            {tab === 'open' && !search.query ? 'When you need help, file a new ticket.' : undefined}
          </Empty>
        }
      >
        {(items) => (
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
                      {t.department.name} · updated <TimeAgo value={t.lastActivityAt} /> · {t.messageCount}{' '}
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
      </QueryView>
    </Stack>
  );
}
