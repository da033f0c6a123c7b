import { Button, Group, Kbd, Stack, Table } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, QueryView } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { useStatuses } from '../../lib/api/get-statuses';
import { useUser } from '../../lib/auth';
import { useTicketList } from './api/list-tickets';
import { BulkBar } from './components/bulk-bar';
import { NoMatchYet } from './components/no-match-yet';
import { QueueFilters } from './components/queue-filters';
import { QueueTable } from './components/queue-table';
import { QueueViews } from './components/queue-views';
import { SaveViewModal } from './components/save-view-modal';
import { ShortcutsModal } from './components/shortcuts-modal';
import { useQueueFilters } from './hooks/use-queue-filters';
import { useQueueKeyboard } from './hooks/use-queue-keyboard';
import { useQueueSelection } from './hooks/use-queue-selection';
import { useSavedViews } from './hooks/use-saved-views';

/** The agent queue: views, filters, search with highlighted snippets, keyboard, bulk actions. */
export default function QueuePage() {
  const { t } = useTranslation('tickets');
  const user = useUser();
  const statuses = useStatuses();
  const selection = useQueueSelection();
  const { filters, setFilters, searchProps, showView } = useQueueFilters(selection.reset);
  const list = useTicketList(filters);
  const savedViews = useSavedViews(user?.id, statuses.data ?? [], filters);
  const [helpOpen, setHelpOpen] = useState(false);
  const [naming, setNaming] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  useQueueKeyboard({
    items: list.data ?? [],
    selection,
    onSearch: () => searchRef.current?.focus(),
    onHelp: () => setHelpOpen(true),
  });

  return (
    <Stack gap="sm">
      <PageHeader title={t('queue.title')}>
        <Group gap="xs">
          <Button variant="subtle" size="xs" onClick={() => setHelpOpen(true)} aria-label={t('queue.shortcutsLabel')}>
            <Kbd>?</Kbd>&nbsp;{t('queue.shortcuts')}
          </Button>
          <Button component={Link} to={paths.newTicket} size="xs">
            {t('queue.newTicket')}
          </Button>
        </Group>
      </PageHeader>
      <QueueViews
        views={savedViews.views}
        active={savedViews.active}
        onShow={showView}
        onDelete={savedViews.remove}
        onSaveCurrent={() => setNaming(true)}
      />
      <QueueFilters filters={filters} onChange={setFilters} searchProps={searchProps} searchRef={searchRef} />
      {selection.picked.size > 0 && <BulkBar ids={[...selection.picked]} onDone={selection.clearPicked} />}
      <QueryView
        query={list}
        empty={
          filters.q && list.hasNextPage ? (
            <NoMatchYet onSearchOlder={() => list.fetchNextPage()} loading={list.isFetchingNextPage} />
          ) : (
            <Empty title={filters.q ? t('queue.noMatchTitle') : t('queue.emptyTitle')}>
              {filters.q ? t('queue.noMatchText') : t('queue.emptyText')}
            </Empty>
          )
        }
      >
        {(items) => (
          <Table.ScrollContainer minWidth={320}>
            <QueueTable items={items} query={filters.q} selection={selection} />
            {list.hasNextPage && (
              <Button
                variant="light"
                fullWidth
                mt="xs"
                onClick={() => list.fetchNextPage()}
                loading={list.isFetchingNextPage}
              >
                {t('list.loadMore')}
              </Button>
            )}
          </Table.ScrollContainer>
        )}
      </QueryView>
      {naming && (
        <SaveViewModal
          onSave={(name) => {
            savedViews.save(name);
            setNaming(false);
          }}
          onClose={() => setNaming(false)}
        />
      )}
      <ShortcutsModal opened={helpOpen} onClose={() => setHelpOpen(false)} />
    </Stack>
  );
}
