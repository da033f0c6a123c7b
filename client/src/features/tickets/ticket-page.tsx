import { Alert, Anchor, Button, Grid, Group, Paper, Select, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Empty, ErrorState, FormError, Loading } from '../../components/ui/states';
import { TimeAgo } from '../../components/ui/time-ago';
import { paths } from '../../config/paths';
import { ApiError, api } from '../../lib/api-client';
import { useUser } from '../../lib/auth';
import { can, isStaff } from '../../lib/permissions';
import { useAgents, useDepartments, usePriorities, useStatuses } from '../../lib/reference';
import type { Ticket, TicketDetail } from '../../lib/types';
import {
  allows,
  type TicketPatch,
  ticketKeys,
  useAssignToMe,
  useTicket,
  useTicketAttachments,
  useUpdateTicket,
} from './api';
import { Composer, type ComposerMode } from './components/composer';
import { Conversation } from './components/conversation';
import { HistoryTimeline } from './components/history';
import { PriorityBadge, StatusBadge } from './components/ticket-badges';
import { conflictTicket, diffTickets } from './conflict';

interface Conflict {
  attempted: TicketPatch;
  shown: Ticket;
  current: Ticket | undefined;
}

export default function TicketPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const staff = isStaff(user);
  const detail = useTicket(id);
  const files = useTicketAttachments(id);
  const [mode, setMode] = useState<ComposerMode>('reply');
  const composerRef = useRef<HTMLTextAreaElement>(null);

  useHotkeys([
    [
      'r',
      () => {
        setMode('reply');
        setTimeout(() => composerRef.current?.focus(), 0);
      },
    ],
    [
      'n',
      () => {
        if (!staff) return;
        setMode('note');
        setTimeout(() => composerRef.current?.focus(), 0);
      },
    ],
  ]);

  if (detail.isPending) return <Loading />;
  if (detail.isError) {
    if (detail.error instanceof ApiError && detail.error.status === 404) {
      return (
        <Empty title="Ticket not found">
          It does not exist or is not yours to see.{' '}
          <Anchor component={Link} to={staff ? paths.queue : paths.myTickets}>
            Back to the list
          </Anchor>
        </Empty>
      );
    }
    return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
  }
  const { ticket, messages, allowedActions } = detail.data;
  const attachments = files.data;
  const canReply = allows(allowedActions, 'reply') ?? true;
  const canNote =
    staff &&
    (allows(allowedActions, 'internal_note') ?? allows(allowedActions, 'note') ?? can(user, 'tickets.internal_note'));

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Anchor component={Link} to={staff ? paths.queue : paths.myTickets} size="sm">
          ← {staff ? 'Queue' : 'My tickets'}
        </Anchor>
        <Title order={1} size="h3" className="user-text" data-testid="ticket-subject">
          <Text span c="dimmed" inherit>
            #{ticket.number}
          </Text>{' '}
          {ticket.subject}
        </Title>
        <Group gap="xs">
          <StatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
          <Text size="sm" c="dimmed">
            {ticket.department.name} · opened by {ticket.customer.name} <TimeAgo value={ticket.createdAt} />
          </Text>
        </Group>
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: staff ? 8 : 12 }}>
          <Tabs defaultValue="conversation" keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="conversation">Conversation</Tabs.Tab>
              <Tabs.Tab value="history">History</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="conversation">
              <Stack gap="sm">
                <Conversation ticket={ticket} messages={messages} ticketAttachments={attachments} />
                {!staff && <CustomerActions ticket={ticket} allowed={allowedActions} />}
                {canReply || canNote ? (
                  <Composer
                    ticketId={ticket.id}
                    canNote={canNote}
                    mode={canNote ? mode : 'reply'}
                    onModeChange={setMode}
                    textareaRef={composerRef}
                  />
                ) : null}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <HistoryTimeline ticketId={ticket.id} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        {staff && (
          <Grid.Col span={{ base: 12, md: 4 }}>
            <AgentControls ticket={ticket} routeId={id} />
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}

/** Close and reopen for the customer who owns the ticket. */
function CustomerActions({ ticket, allowed }: { ticket: Ticket; allowed: Parameters<typeof allows>[0] }) {
  const statuses = useStatuses();
  const update = useUpdateTicket(ticket.id);
  const closed = ticket.status.isClosed;
  const target = closed
    ? (statuses.data?.find((s) => s.isDefault && !s.isClosed) ?? statuses.data?.find((s) => !s.isClosed))
    : (statuses.data?.find((s) => s.isClosed && /^closed$/i.test(s.name)) ?? statuses.data?.find((s) => s.isClosed));
  const action = closed ? 'reopen' : 'close';
  if (allows(allowed, action) === false || !target) return null;
  return (
    <Group justify="flex-end">
      <FormError error={update.error} />
      <Button
        variant={closed ? 'light' : 'default'}
        loading={update.isPending}
        onClick={() => update.mutate({ version: ticket.version, statusId: target.id })}
      >
        {closed ? 'Reopen ticket' : 'Close ticket'}
      </Button>
    </Group>
  );
}

/** Status, priority, department and assignee; a stale version opens the conflict view. */
function AgentControls({ ticket, routeId }: { ticket: Ticket; routeId: string }) {
  const user = useUser();
  const qc = useQueryClient();
  const statuses = useStatuses();
  const priorities = usePriorities();
  const departments = useDepartments();
  const agents = useAgents(can(user, 'users.view'));
  const update = useUpdateTicket(ticket.id);
  const assignToMe = useAssignToMe(ticket.id);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const department = departments.data?.find((d) => d.id === ticket.department.id);
  const assignable = (agents.data ?? []).filter((a) => !department || department.memberIds.includes(a.id));
  const assigneeOptions = [
    { value: '', label: 'Unassigned' },
    ...assignable.map((a) => ({ value: a.id, label: a.name })),
    ...(ticket.assignee && !assignable.some((a) => a.id === ticket.assignee?.id)
      ? [{ value: ticket.assignee.id, label: ticket.assignee.name }]
      : []),
  ];

  function change(patch: TicketPatch, base: Ticket = ticket) {
    update.mutate(
      { version: base.version, ...patch },
      {
        onSuccess: () => {
          setConflict(null);
          notifications.show({ message: 'Ticket updated', color: 'green' });
        },
        onError: async (err) => {
          if (err instanceof ApiError && (err.code === 'VERSION_CONFLICT' || err.status === 409)) {
            let current = conflictTicket(err.body);
            if (!current) {
              current = await api
                .get<{ ticket: Ticket }>(`/api/tickets/${ticket.id}`)
                .then((d) => d.ticket)
                .catch(() => undefined);
            }
            setConflict({ attempted: patch, shown: base, current });
            // Show the ticket as it is now; the conflict box keeps what the agent saw.
            if (current) {
              const fresh = current;
              qc.setQueryData<TicketDetail>(ticketKeys.detail(routeId), (old) =>
                old ? { ...old, ticket: fresh } : old,
              );
            }
          }
        },
      },
    );
  }

  const nameOf = (field: string, value: string | null): string => {
    if (field === 'statusId') return statuses.data?.find((s) => s.id === value)?.name ?? String(value);
    if (field === 'priorityId') return priorities.data?.find((s) => s.id === value)?.name ?? String(value);
    if (field === 'departmentId') return departments.data?.find((s) => s.id === value)?.name ?? String(value);
    if (field === 'assignedToId')
      return value ? (assigneeOptions.find((o) => o.value === value)?.label ?? value) : 'Unassigned';
    return String(value);
  };

  return (
    <Stack gap="sm">
      {conflict && (
        <Alert color="orange" title="Someone else changed this ticket" data-testid="conflict-view">
          <Stack gap="xs">
            <Text size="sm">Your change was not saved because the ticket changed after you opened it.</Text>
            {conflict.current ? (
              <Table fz="sm" withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Field</Table.Th>
                    <Table.Th>You saw</Table.Th>
                    <Table.Th>Now</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {diffTickets(conflict.shown, conflict.current).map((c) => (
                    <Table.Tr key={c.field}>
                      <Table.Td>{c.label}</Table.Td>
                      <Table.Td>{c.yours}</Table.Td>
                      <Table.Td fw={600}>{c.theirs}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
            <Text size="sm">
              Your change:{' '}
              {Object.entries(conflict.attempted)
                .map(([f, v]) => nameOf(f, (v as string | null) ?? null))
                .join(', ')}
            </Text>
            <Group gap="xs">
              <Button
                size="xs"
                disabled={!conflict.current}
                loading={update.isPending}
                onClick={() => conflict.current && change(conflict.attempted, conflict.current)}
              >
                Re-apply my change
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setConflict(null);
                  qc.invalidateQueries({ queryKey: ticketKeys.all });
                }}
              >
                Keep theirs
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Paper withBorder p="sm">
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={600}>Details</Text>
            {ticket.assignee?.id !== user?.id && (
              <Button
                size="xs"
                variant="light"
                loading={assignToMe.isPending}
                onClick={() => assignToMe.mutate()}
                data-testid="assign-to-me"
              >
                Assign to me
              </Button>
            )}
          </Group>
          {assignToMe.error ? <FormError error={assignToMe.error} /> : null}
          <Select
            label="Status"
            data={(statuses.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={ticket.status.id}
            onChange={(v) => v && v !== ticket.status.id && change({ statusId: v })}
            allowDeselect={false}
            disabled={update.isPending}
          />
          <Select
            label="Priority"
            data={(priorities.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={ticket.priority.id}
            onChange={(v) => v && v !== ticket.priority.id && change({ priorityId: v })}
            allowDeselect={false}
            disabled={update.isPending}
          />
          <Select
            label="Department"
            data={(departments.data ?? [])
              .filter((d) => d.isActive || d.id === ticket.department.id)
              .map((d) => ({ value: d.id, label: d.name }))}
            value={ticket.department.id}
            onChange={(v) => v && v !== ticket.department.id && change({ departmentId: v })}
            allowDeselect={false}
            disabled={update.isPending}
          />
          <Select
            label="Assignee"
            data={assigneeOptions}
            value={ticket.assignee?.id ?? ''}
            onChange={(v) => (v ?? '') !== (ticket.assignee?.id ?? '') && change({ assignedToId: v || null })}
            allowDeselect={false}
            disabled={update.isPending}
          />
          {update.error && !(update.error instanceof ApiError && update.error.status === 409) ? (
            <FormError error={update.error} />
          ) : null}
          <Text size="xs" c="dimmed">
            Updated <TimeAgo value={ticket.updatedAt} /> · version {ticket.version}
          </Text>
        </Stack>
      </Paper>
      <Text size="xs" c="dimmed">
        Keys: <kbd>r</kbd> reply · <kbd>n</kbd> internal note
      </Text>
    </Stack>
  );
}
