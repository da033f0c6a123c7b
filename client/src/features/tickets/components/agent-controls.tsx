import type { Ticket } from '@helpdesk/contract';
import { Button, Collapse, Group, Paper, Select, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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

/**
 * Status, priority, department and assignee; a stale version opens the conflict view. Below the
 * `md` breakpoint (a phone) the panel comes first on the page and starts collapsed.
 */
export function AgentControls({ ticket, detailKey }: { ticket: Ticket; detailKey: string }) {
  const { t } = useTranslation('tickets');
  const narrow = useMediaQuery('(max-width: 62em)') ?? false;
  const [expanded, setExpanded] = useState(false);
  const open = !narrow || expanded;
  const user = useUser();
  const statuses = useStatuses();
  const priorities = usePriorities();
  const departments = useDepartments();
  const agents = useAgents(can(user, 'users.view'));
  const assignToMe = useAssignToMe();
  const { change, conflict, keepTheirs, pending, error } = useTicketChange(ticket, detailKey, () =>
    notifySuccess(t('details.saved')),
  );

  const department = departments.data?.find((d) => d.id === ticket.department.id);
  const assignable = (agents.data ?? []).filter((a) => !department || department.memberIds.includes(a.id));
  const assigneeOptions = [
    { value: '', label: t('details.unassigned') },
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
      <Paper withBorder p="sm" data-testid="ticket-details">
        <Stack gap="sm">
          <Group justify="space-between">
            {narrow ? (
              <UnstyledButton
                onClick={() => setExpanded((e) => !e)}
                aria-expanded={open}
                aria-controls="ticket-details-fields"
                aria-label={t('details.toggle')}
              >
                <Text fw={600}>
                  {open ? '▾' : '▸'} {t('details.title')}
                </Text>
              </UnstyledButton>
            ) : (
              <Text fw={600}>{t('details.title')}</Text>
            )}
            {ticket.assignee?.id !== user?.id && (
              <Button
                size="xs"
                variant="light"
                loading={assignToMe.isPending}
                onClick={() => assignToMe.mutate(ticket.id)}
                data-testid="assign-to-me"
              >
                {t('details.assignToMe')}
              </Button>
            )}
          </Group>
          {assignToMe.error ? <FormError error={assignToMe.error} /> : null}
          <Collapse expanded={open} id="ticket-details-fields">
            <Stack gap="sm">
              {fieldSelect(t('details.status'), toOptions(statuses.data), ticket.status.id, (statusId) => ({
                statusId,
              }))}
              {fieldSelect(t('details.priority'), toOptions(priorities.data), ticket.priority.id, (priorityId) => ({
                priorityId,
              }))}
              {fieldSelect(
                t('details.department'),
                toOptions(departments.data?.filter((d) => d.isActive || d.id === ticket.department.id)),
                ticket.department.id,
                (departmentId) => ({ departmentId }),
              )}
              {fieldSelect(t('details.assignee'), assigneeOptions, ticket.assignee?.id ?? '', (id) => ({
                assignedToId: id || null,
              }))}
              {error && !isVersionConflict(error) ? <FormError error={error} /> : null}
              <Text size="xs" c="dimmed">
                {t('details.updated')} <TimeAgo value={ticket.updatedAt} /> ·{' '}
                {t('details.version', { version: ticket.version })}
              </Text>
            </Stack>
          </Collapse>
        </Stack>
      </Paper>
      <Text size="xs" c="dimmed" visibleFrom="md">
        {t('details.keys')} <kbd>r</kbd> {t('details.keyReply')} · <kbd>n</kbd> {t('details.keyNote')}
      </Text>
    </Stack>
  );
}
