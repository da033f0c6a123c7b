import type { TicketPriority, TicketStatus } from '@helpdesk/contract';
import { ActionIcon, Button, Group, Stack, Table, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ColorBadge } from '../../components/ui/color-badge';
import { EditDeleteButtons } from '../../components/ui/edit-delete-buttons';
import { Panel } from '../../components/ui/panel';
import { FormError, QueryView } from '../../components/ui/states';
import { TableHead } from '../../components/ui/table-head';
import { usePriorities } from '../../lib/api/get-priorities';
import { useStatuses } from '../../lib/api/get-statuses';
import { useDeletePriority } from './api/delete-priority';
import { useDeleteStatus } from './api/delete-status';
import { useUpdateStatus } from './api/update-status';
import { PriorityForm } from './components/priority-form';
import { StatusForm } from './components/status-form';

/** A titled list with its New button. */
function Section({
  title,
  newLabel,
  onNew,
  children,
}: {
  title: string;
  newLabel: string;
  onNew: () => void;
  children: ReactNode;
}) {
  return (
    <Panel
      title={title}
      padding="sm"
      aside={
        <Button size="xs" onClick={onNew}>
          {newLabel}
        </Button>
      }
    >
      {children}
    </Panel>
  );
}

export default function StatusesPage() {
  const statuses = useStatuses();
  const priorities = usePriorities();
  const [editing, setEditing] = useState<
    { kind: 'status'; row: TicketStatus | null } | { kind: 'priority'; row: TicketPriority | null } | null
  >(null);
  const reorder = useUpdateStatus();
  const deleteStatus = useDeleteStatus();
  const deletePriority = useDeletePriority();
  const { t } = useTranslation('admin');

  /** Swaps a status with its neighbour above (-1) or below (+1). */
  function move(list: TicketStatus[], index: number, delta: number) {
    const a = list[index];
    const b = list[index + delta];
    if (!a || !b) return;
    reorder.mutate({ id: a.id, sortOrder: b.sortOrder });
    reorder.mutate({ id: b.id, sortOrder: a.sortOrder });
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('statuses.title')}
      </Title>
      <FormError error={reorder.error ?? deleteStatus.error ?? deletePriority.error} />
      <Section
        title={t('statuses.statuses')}
        newLabel={t('statuses.newStatus')}
        onNew={() => setEditing({ kind: 'status', row: null })}
      >
        <QueryView query={statuses}>
          {(list) => (
            <Table.ScrollContainer minWidth={480}>
              <Table>
                <TableHead
                  columns={[
                    t('statuses.columns.order'),
                    t('statuses.columns.status'),
                    t('statuses.columns.closed'),
                    t('statuses.columns.default'),
                    '',
                  ]}
                />
                <Table.Tbody>
                  {list.map((s, i) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        <Group gap={2} wrap="nowrap">
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            aria-label={t('statuses.moveUp', { name: s.name })}
                            disabled={i === 0}
                            onClick={() => move(list, i, -1)}
                          >
                            ↑
                          </ActionIcon>
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            aria-label={t('statuses.moveDown', { name: s.name })}
                            disabled={i === list.length - 1}
                            onClick={() => move(list, i, 1)}
                          >
                            ↓
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <ColorBadge color={s.color}>{s.name}</ColorBadge>
                      </Table.Td>
                      <Table.Td>{s.isClosed ? t('common.yes') : t('common.no')}</Table.Td>
                      <Table.Td>{s.isDefault ? t('common.default') : ''}</Table.Td>
                      <Table.Td>
                        <EditDeleteButtons
                          name={s.name}
                          onEdit={() => setEditing({ kind: 'status', row: s })}
                          onDelete={() => deleteStatus.mutate(s.id)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryView>
      </Section>
      <Section
        title={t('statuses.priorities')}
        newLabel={t('statuses.newPriority')}
        onNew={() => setEditing({ kind: 'priority', row: null })}
      >
        <QueryView query={priorities}>
          {(list) => (
            <Table>
              <TableHead
                columns={[
                  t('statuses.columns.level'),
                  t('statuses.columns.priority'),
                  t('statuses.columns.default'),
                  '',
                ]}
              />
              <Table.Tbody>
                {list.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.level}</Table.Td>
                    <Table.Td>
                      <ColorBadge color={p.color}>{p.name}</ColorBadge>
                    </Table.Td>
                    <Table.Td>{p.isDefault ? t('common.default') : ''}</Table.Td>
                    <Table.Td>
                      <EditDeleteButtons
                        name={p.name}
                        onEdit={() => setEditing({ kind: 'priority', row: p })}
                        onDelete={() => deletePriority.mutate(p.id)}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryView>
      </Section>
      {editing?.kind === 'status' && <StatusForm status={editing.row} onClose={() => setEditing(null)} />}
      {editing?.kind === 'priority' && <PriorityForm priority={editing.row} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
