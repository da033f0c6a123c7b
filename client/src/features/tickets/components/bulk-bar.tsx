import type { BulkUpdateBody } from '@helpdesk/contract';
import { Button, Group, Menu, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../../components/ui/notify';
import { useAgents } from '../../../lib/api/get-agents';
import { usePriorities } from '../../../lib/api/get-priorities';
import { useStatuses } from '../../../lib/api/get-statuses';
import { useUser } from '../../../lib/auth';
import { type Option, toOptions } from '../../../lib/options';
import { can } from '../../../lib/permissions';
import { useFeatureSlots } from '../../../lib/slots';
import { useBulkUpdate } from '../api/bulk-update';

type Change = BulkUpdateBody['changes'];

/** Status, priority or assignee for every picked ticket at once; says how many changed. */
export function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation('tickets');
  const user = useUser();
  const statuses = useStatuses();
  const priorities = usePriorities();
  const agents = useAgents(can(user, 'users.view'));
  const bulk = useBulkUpdate();
  const { queueBulkActions } = useFeatureSlots();

  function run(changes: Change) {
    bulk.mutate(
      { ticketIds: ids, changes },
      {
        onSuccess: (results) => {
          const failed = results.filter((r) => !r.ok);
          if (failed.length === 0) notifySuccess(t('bulk.done', { count: ids.length }));
          else {
            notifications.show({
              color: 'orange',
              message: t('bulk.partly', {
                ok: ids.length - failed.length,
                failed: failed.length,
                reason: failed[0]?.error?.message ?? '',
              }),
            });
          }
          onDone();
        },
        onError: notifyError,
      },
    );
  }
  const menu = (label: string, choices: Option[], field: keyof Change) => (
    <Menu>
      <Menu.Target>
        <Button size="xs" variant="default" loading={bulk.isPending}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {choices.map((o) => (
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
          {t('bulk.selected', { count: ids.length })}
        </Text>
        {menu(t('bulk.setStatus'), toOptions(statuses.data), 'statusId')}
        {menu(t('bulk.setPriority'), toOptions(priorities.data), 'priorityId')}
        {menu(
          t('bulk.assign'),
          [{ value: '', label: t('bulk.unassigned') }, ...toOptions(agents.data)],
          'assignedToId',
        )}
        {queueBulkActions?.(ids, onDone)}
        <Button size="xs" variant="subtle" onClick={onDone}>
          {t('bulk.clear')}
        </Button>
      </Group>
    </Paper>
  );
}
