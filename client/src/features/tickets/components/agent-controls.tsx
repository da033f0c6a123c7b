import type { Ticket } from '@helpdesk/contract';
import { Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { notifySuccess } from '../../../components/ui/notify';
import { FormError } from '../../../components/ui/states';
import { TimeAgo } from '../../../components/ui/time-ago';
import { useAgents } from '../../../lib/api/get-agents';
import { useDepartments } from '../../../lib/api/get-departments';
import { usePriorities } from '../../../lib/api/get-priorities';
import { useStatuses } from '../../../lib/api/get-statuses';
import { useUser } from '../../../lib/auth';
import { type Option, toOptions } from '../../../lib/options';
import { can } from '../../../lib/permissions';
import { useAssignToMe } from '../api/assign-to-me';
import type { TicketChange } from '../api/update-ticket';
import { isVersionConflict } from '../api/update-ticket';
import { useTicketChange } from '../hooks/use-ticket-change';
import { ConflictView } from './conflict-view';

/** Status, priority, department and assignee; a stale version opens the conflict view. */
export function AgentControls({ ticket, detailKey }: { ticket: Ticket; detailKey: string }) {
  const user = useUser();
  const statuses = useStatuses();
  const priorities = usePriorities();
  const departments = useDepartments();
  const agents = useAgents(can(user, 'users.view'));
  const assignToMe = useAssignToMe();
  const { change, conflict, keepTheirs, pending, error } = useTicketChange(ticket, detailKey, () =>
    notifySuccess('Ticket updated'),
  );

  const department = departments.data?.find((d) => d.id === ticket.department.id);
  const assignable = (agents.data ?? []).filter((a) => !department || department.memberIds.includes(a.id));
  const assigneeOptions = [
    { value: '', label: 'Unassigned' },
    ...toOptions(assignable),
    ...(ticket.assignee && !assignable.some((a) => a.id === ticket.assignee?.id)
      ? [{ value: ticket.assignee.id, label: ticket.assignee.name }]
      : []),
  ];

  /** A picker of one field: choosing another value changes the ticket. */
  const fieldSelect = (
    label: string,
    options: Option[],
    current: string,
    toChange: (value: string) => TicketChange,
  ) => (
    <Select
      label={label}
      data={options}
      value={current}
      onChange={(v) => v !== null && v !== current && change(toChange(v))}
      allowDeselect={false}
      disabled={pending}
    />
  );

  /** A changed value by its name, for the conflict view. */
  const nameOf = (field: keyof TicketChange, value: string | null | undefined): string => {
    const named = { statusId: statuses.data, priorityId: priorities.data, departmentId: departments.data };
    if (field === 'assignedToId') return assigneeOptions.find((o) => o.value === (value ?? ''))?.label ?? String(value);
    if (field === 'subject') return String(value);
    return named[field]?.find((item) => item.id === value)?.name ?? String(value);
  };

  return (
    <Stack gap="sm">
      {conflict && (
        <ConflictView
          conflict={conflict}
          describeChange={Object.entries(conflict.attempted)
            .map(([field, value]) => nameOf(field as keyof TicketChange, value))
            .join(', ')}
          pending={pending}
          onReapply={() => conflict.current && change(conflict.attempted, conflict.current)}
          onKeepTheirs={keepTheirs}
        />
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
                onClick={() => assignToMe.mutate(ticket.id)}
                data-testid="assign-to-me"
              >
                Assign to me
              </Button>
            )}
          </Group>
          {assignToMe.error ? <FormError error={assignToMe.error} /> : null}
          {fieldSelect('Status', toOptions(statuses.data), ticket.status.id, (statusId) => ({ statusId }))}
          {fieldSelect('Priority', toOptions(priorities.data), ticket.priority.id, (priorityId) => ({ priorityId }))}
          {fieldSelect(
            'Department',
            toOptions(departments.data?.filter((d) => d.isActive || d.id === ticket.department.id)),
            ticket.department.id,
            (departmentId) => ({ departmentId }),
          )}
          {fieldSelect('Assignee', assigneeOptions, ticket.assignee?.id ?? '', (id) => ({ assignedToId: id || null }))}
          {error && !isVersionConflict(error) ? <FormError error={error} /> : null}
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
