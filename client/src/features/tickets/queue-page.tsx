import {
  ActionIcon,
  Anchor,
  Button,
  Checkbox,
  Chip,
  Group,
  Kbd,
  Menu,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Highlighted } from '../../components/ui/highlighted';
import { Empty, ErrorState, Loading } from '../../components/ui/states';
import { TimeAgo } from '../../components/ui/time-ago';
import { paths } from '../../config/paths';
import { errorMessage } from '../../lib/api-client';
import { useUser } from '../../lib/auth';
import { highlightTerms } from '../../lib/highlight';
import { randomId } from '../../lib/id';
import { can } from '../../lib/permissions';
import { useAgents, useDepartments, usePriorities, useStatuses } from '../../lib/reference';
import { type BulkResult, type TicketFilters, type TicketPatch, useBulkUpdate, useTicketList } from './api';
import { Snippet } from './components/snippet';
import { PriorityBadge, StatusBadge } from './components/ticket-badges';
import {
  builtInViews,
  filtersFromParams,
  loadViews,
  moveCursor,
  paramsFromFilters,
  type SavedView,
  sameFilters,
  storeViews,
} from './saved-views';

/** `sort:order` pairs of the queue API (`sort` allowlist + `order`). */
const sortOptions = [
  { value: '', label: 'Default (newest, or best match)' },
  { value: 'updated_at:desc', label: 'Recently updated' },
  { value: 'created_at:desc', label: 'Newest first' },
  { value: 'created_at:asc', label: 'Oldest first' },
  { value: 'priority:desc', label: 'Highest priority' },
  { value: 'number:desc', label: 'Number (high to low)' },
];

const shortcuts: [string, string][] = [
  ['j / k', 'Next / previous ticket'],
  ['Enter', 'Open the selected ticket'],
  ['x', 'Select the ticket for bulk actions'],
  ['/', 'Search'],
  ['r', 'Reply (on a ticket)'],
  ['n', 'Internal note (on a ticket)'],
  ['?', 'This list'],
];

/** The agent queue: views, filters, search with highlighted snippets, keyboard, bulk actions. */
export default function QueuePage() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const statuses = useStatuses();
  const priorities = usePriorities();
  const departments = useDepartments();
  const agents = useAgents(can(user, 'users.view'));
  const hasParams = [...params.keys()].length > 0;
  const filters: TicketFilters = hasParams ? filtersFromParams(params) : { status: 'open' };
  const [search, setSearch] = useState(filters.q ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const searchRef = useRef<HTMLInputElement>(null);
  const [cursor, setCursor] = useState(-1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [helpOpen, setHelpOpen] = useState(false);
  const [naming, setNaming] = useState<string | null>(null);
  const [ownViews, setOwnViews] = useState<SavedView[]>(() => (user ? loadViews(user.id) : []));

  const setFilters = (f: TicketFilters) => {
    setParams(paramsFromFilters(f), { replace: true });
    setCursor(-1);
    setSelected(new Set());
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed (debounced) search drives this
  useEffect(() => {
    if ((filters.q ?? '') !== debounced) setFilters({ ...filters, q: debounced || undefined });
  }, [debounced]);

  const list = useTicketList(filters);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const views = [...builtInViews(statuses.data ?? []), ...ownViews];
  const activeView = views.find((v) => sameFilters(v.filters, { ...filters, q: undefined }) && !filters.q);

  useHotkeys([
    ['j', () => setCursor((c) => moveCursor(c, 1, items.length))],
    ['k', () => setCursor((c) => moveCursor(c, -1, items.length))],
    [
      'Enter',
      () => {
        const t = items[cursor];
        if (t) navigate(paths.ticket(t.id));
      },
    ],
    [
      'x',
      () => {
        const t = items[cursor];
        if (t) toggle(t.id);
      },
    ],
    ['/', () => searchRef.current?.focus(), { preventDefault: true }],
    ['shift+?', () => setHelpOpen(true)],
    ['?', () => setHelpOpen(true)],
  ]);
  useEffect(() => {
    if (cursor >= 0) document.querySelector(`[data-row-index="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  function toggle(id: string) {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function saveView(name: string) {
    if (!user || !name.trim()) return;
    const next = [...ownViews, { id: randomId(), name: name.trim().slice(0, 60), filters }];
    setOwnViews(next);
    storeViews(user.id, next);
    setNaming(null);
  }
  function deleteView(id: string) {
    if (!user) return;
    const next = ownViews.filter((v) => v.id !== id);
    setOwnViews(next);
    storeViews(user.id, next);
  }

  const allSelected = items.length > 0 && items.every((t) => selected.has(t.id));

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Queue
        </Title>
        <Group gap="xs">
          <Button variant="subtle" size="xs" onClick={() => setHelpOpen(true)} aria-label="Keyboard shortcuts">
            <Kbd>?</Kbd>&nbsp;Shortcuts
          </Button>
          <Button component={Link} to={paths.newTicket} size="xs">
            New ticket
          </Button>
        </Group>
      </Group>

      <Group gap={6} role="group" aria-label="Views">
        {views.map((v) => (
          <Group key={v.id} gap={0} wrap="nowrap">
            <Chip
              checked={activeView?.id === v.id}
              onChange={() => {
                setSearch('');
                setFilters(v.filters);
              }}
              size="xs"
              variant="light"
            >
              {v.name}
            </Chip>
            {!v.builtIn && (
              <ActionIcon
                size="xs"
                variant="subtle"
                aria-label={`Delete view ${v.name}`}
                onClick={() => deleteView(v.id)}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        <Button size="compact-xs" variant="subtle" onClick={() => setNaming('')}>
          Save current filters
        </Button>
      </Group>

      <Paper withBorder p="xs">
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            ref={searchRef}
            type="search"
            label="Search"
            placeholder="Words, #number…  ( / )"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
            style={{ flex: '1 1 200px' }}
          />
          <Select
            label="Status"
            w={160}
            data={[
              { value: 'open', label: 'All open' },
              { value: 'closed', label: 'All closed' },
              { value: 'any', label: 'Any status' },
              ...(statuses.data ?? []).map((s) => ({ value: s.id, label: s.name })),
            ]}
            value={filters.status ?? 'any'}
            onChange={(v) => setFilters({ ...filters, status: v === 'any' ? undefined : (v ?? undefined) })}
            allowDeselect={false}
          />
          <Select
            label="Department"
            w={160}
            clearable
            placeholder="All"
            data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={filters.departmentId ?? null}
            onChange={(v) => setFilters({ ...filters, departmentId: v ?? undefined })}
          />
          <Select
            label="Priority"
            w={130}
            clearable
            placeholder="All"
            data={(priorities.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={filters.priorityId ?? null}
            onChange={(v) => setFilters({ ...filters, priorityId: v ?? undefined })}
          />
          <Select
            label="Assignee"
            w={150}
            clearable
            placeholder="Anyone"
            data={[
              { value: 'me', label: 'Me' },
              { value: 'none', label: 'Unassigned' },
              ...(agents.data ?? []).filter((a) => a.id !== user?.id).map((a) => ({ value: a.id, label: a.name })),
            ]}
            value={filters.assignee ?? null}
            onChange={(v) => setFilters({ ...filters, assignee: v ?? undefined })}
          />
          <Select
            label="Sort"
            w={230}
            data={sortOptions}
            value={filters.sort ? `${filters.sort}:${filters.order ?? 'desc'}` : ''}
            onChange={(v) => {
              const [sort, order] = (v ?? '').split(':');
              setFilters({ ...filters, sort: sort || undefined, order: order || undefined });
            }}
            allowDeselect={false}
          />
        </Group>
      </Paper>

      {selected.size > 0 && (
        <BulkBar
          ids={[...selected]}
          onDone={() => setSelected(new Set())}
          statuses={(statuses.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          priorities={(priorities.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          agents={(agents.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      )}

      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={filters.q ? 'No tickets match your search' : 'Nothing here'}>
          {filters.q ? 'Try fewer or different words.' : 'No tickets in this view. Nice work.'}
        </Empty>
      ) : (
        <Table.ScrollContainer minWidth={320}>
          <Table highlightOnHover verticalSpacing="xs" data-testid="queue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    aria-label="Select all tickets"
                    checked={allSelected}
                    indeterminate={selected.size > 0 && !allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((t) => t.id)))}
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
                      checked={selected.has(t.id)}
                      onChange={() => toggle(t.id)}
                    />
                  </Table.Td>
                  <Table.Td style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={paths.ticket(t.id)} fw={600} size="sm" className="user-text">
                      #{t.number}{' '}
                      {filters.q ? <Highlighted segments={highlightTerms(t.subject, filters.q)} /> : t.subject}
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
                      <TimeAgo value={t.lastActivityAt ?? t.updatedAt} />
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {list.hasNextPage && (
            <Button
              variant="light"
              fullWidth
              mt="xs"
              onClick={() => list.fetchNextPage()}
              loading={list.isFetchingNextPage}
            >
              Load more
            </Button>
          )}
        </Table.ScrollContainer>
      )}

      <Modal opened={naming !== null} onClose={() => setNaming(null)} title="Save these filters as a view">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            saveView(naming ?? '');
          }}
        >
          <Stack>
            <TextInput
              label="Name"
              data-autofocus
              maxLength={60}
              value={naming ?? ''}
              onChange={(e) => setNaming(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button type="submit" disabled={!naming?.trim()}>
                Save view
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <Modal opened={helpOpen} onClose={() => setHelpOpen(false)} title="Keyboard shortcuts">
        <Table>
          <Table.Tbody>
            {shortcuts.map(([k, v]) => (
              <Table.Tr key={k}>
                <Table.Td>
                  <Kbd>{k}</Kbd>
                </Table.Td>
                <Table.Td>{v}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Modal>
    </Stack>
  );
}

type Option = { value: string; label: string };

function BulkBar({
  ids,
  onDone,
  statuses,
  priorities,
  agents,
}: {
  ids: string[];
  onDone: () => void;
  statuses: Option[];
  priorities: Option[];
  agents: Option[];
}) {
  const bulk = useBulkUpdate();
  function run(changes: TicketPatch) {
    bulk.mutate(
      { ticketIds: ids, changes },
      {
        onSuccess: (data) => {
          const results: BulkResult[] = Array.isArray(data) ? data : (data.results ?? []);
          const failed = results.filter((r) => r.ok === false || r.success === false || r.error);
          notifications.show({
            color: failed.length ? 'orange' : 'green',
            message: failed.length
              ? `${ids.length - failed.length} updated, ${failed.length} not: ${failed[0]?.error?.message ?? ''}`
              : `${ids.length} tickets updated`,
          });
          onDone();
        },
        onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
      },
    );
  }
  const menu = (label: string, options: Option[], field: keyof TicketPatch) => (
    <Menu>
      <Menu.Target>
        <Button size="xs" variant="default" loading={bulk.isPending}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {options.map((o) => (
          <Menu.Item key={o.value} onClick={() => run({ [field]: o.value || null })}>
            {o.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
  return (
    <Paper withBorder p="xs" bg="var(--mantine-color-blue-light)" data-testid="bulk-bar">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {ids.length} selected
        </Text>
        {menu('Set status', statuses, 'statusId')}
        {menu('Set priority', priorities, 'priorityId')}
        {menu('Assign', [{ value: '', label: 'Unassigned' }, ...agents], 'assignedToId')}
        <Button size="xs" variant="subtle" onClick={onDone}>
          Clear
        </Button>
      </Group>
    </Paper>
  );
}
