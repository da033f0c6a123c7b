import { Anchor, Button, Card, Group, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, QueryView } from '../../components/ui/states';
import { TimeAgo } from '../../components/ui/time-ago';
import { paths } from '../../config/paths';
import { useSearchBox } from '../../lib/use-search-box';
import { useTicketList } from './api/list-tickets';
import { usePrefetchTicket } from './api/prefetch-ticket';
import { NoMatchYet } from './components/no-match-yet';
import { Snippet } from './components/snippet';
import { StatusBadge } from './components/ticket-badges';

/** A customer's own tickets: open/closed tabs and search. */
export default function MyTicketsPage() {
  const { t } = useTranslation('tickets');
  const prefetch = usePrefetchTicket();
  const [params, setParams] = useSearchParams();
  const tab = params.get('status') === 'closed' ? 'closed' : 'open';
  const search = useSearchBox(params.get('q') ?? '');
  const list = useTicketList({ status: tab, q: search.query || undefined });

  return (
    <Stack>
      <PageHeader title={t('mine.title')}>
        <Button component={Link} to={paths.newTicket}>
          {t('mine.newTicket')}
        </Button>
      </PageHeader>
      <TextInput aria-label={t('mine.search')} placeholder={t('mine.search')} {...search.inputProps} />
      <Tabs
        value={tab}
        onChange={(v) => {
          const next = new URLSearchParams(params);
          next.set('status', v ?? 'open');
          setParams(next, { replace: true });
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="open">{t('mine.open')}</Tabs.Tab>
          <Tabs.Tab value="closed">{t('mine.closed')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <QueryView
        query={list}
        empty={
          search.query && list.hasNextPage ? (
            <NoMatchYet onSearchOlder={() => list.fetchNextPage()} loading={list.isFetchingNextPage} />
          ) : (
            <Empty title={search.query ? t('mine.noMatch') : tab === 'open' ? t('mine.noOpen') : t('mine.noClosed')}>
              {tab === 'open' && !search.query ? t('mine.emptyHint') : undefined}
            </Empty>
          )
        }
      >
        {(items) => (
          <Stack gap="xs" data-testid="ticket-list">
            {items.map((row) => (
              <Card key={row.id} withBorder padding="sm">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Anchor
                      component={Link}
                      to={paths.ticket(row.id)}
                      fw={600}
                      className="user-text"
                      onMouseEnter={() => prefetch(row.id)}
                      onFocus={() => prefetch(row.id)}
                    >
                      #{row.number} {row.subject}
                    </Anchor>
                    <Snippet snippet={row.snippet} />
                    <Text size="xs" c="dimmed">
                      {row.department.name} · {t('list.updated')} <TimeAgo value={row.lastActivityAt} /> ·{' '}
                      {t('list.messages', { count: row.messageCount })}
                    </Text>
                  </Stack>
                  <StatusBadge status={row.status} />
                </Group>
              </Card>
            ))}
            {list.hasNextPage && (
              <Button variant="light" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('list.loadMore')}
              </Button>
            )}
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}
