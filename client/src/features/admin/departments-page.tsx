import type { Department } from '@helpdesk/contract';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditDeleteButtons } from '../../components/ui/edit-delete-buttons';
import { notifySuccess } from '../../components/ui/notify';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, FormError, QueryView } from '../../components/ui/states';
import { useAgents } from '../../lib/api/get-agents';
import { useDepartments } from '../../lib/api/get-departments';
import { useDeleteDepartment } from './api/delete-department';
import { DepartmentForm } from './components/department-form';

export default function DepartmentsPage() {
  const departments = useDepartments();
  const agents = useAgents();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const remove = useDeleteDepartment();
  const { t } = useTranslation('admin');
  const agentName = (id: string) => agents.data?.find((a) => a.id === id)?.name ?? t('departments.unknown');

  return (
    <Stack>
      <PageHeader title={t('departments.title')}>
        <Button onClick={() => setEditing('new')}>{t('departments.new')}</Button>
      </PageHeader>
      <FormError error={remove.error} />
      <QueryView query={departments} empty={<Empty title={t('departments.none')}>{t('departments.noneBody')}</Empty>}>
        {(list) => (
          <Stack gap="xs">
            {list.map((d) => (
              <Paper key={d.id} withBorder p="sm" data-testid="department">
                <Group justify="space-between" align="flex-start">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Group gap="xs">
                      <Text fw={600}>{d.name}</Text>
                      {!d.isActive && <Badge color="gray">{t('departments.inactive')}</Badge>}
                      {d.autoAssign && <Badge variant="light">{t('departments.autoAssign')}</Badge>}
                    </Group>
                    {d.description && (
                      <Text size="sm" c="dimmed" className="user-text">
                        {d.description}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {d.memberIds.length
                        ? t('departments.agents', { names: d.memberIds.map(agentName).join(', ') })
                        : t('departments.noAgents')}
                    </Text>
                  </Stack>
                  <EditDeleteButtons
                    size="compact-sm"
                    name={d.name}
                    onEdit={() => setEditing(d)}
                    onDelete={() => remove.mutate(d.id, { onSuccess: () => notifySuccess(t('departments.deleted')) })}
                  />
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </QueryView>
      {editing && <DepartmentForm department={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
