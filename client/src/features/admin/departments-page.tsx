import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { EditDeleteButtons } from '../../components/ui/edit-delete-buttons';
import { Empty, ErrorState, FormError, Loading } from '../../components/ui/states';
import { fieldErrors } from '../../lib/api-client';
import { refKeys, useAgents, useDepartments } from '../../lib/reference';
import type { Department } from '../../lib/types';
import { useAdminWrite } from './api';

export default function DepartmentsPage() {
  const departments = useDepartments();
  const agents = useAgents();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const remove = useAdminWrite<Department>(
    [refKeys.departments],
    (d) => ({ method: 'delete', path: `/api/departments/${d.id}` }),
    'Department deleted',
  );
  const agentName = (id: string) => agents.data?.find((a) => a.id === id)?.name ?? 'Unknown';

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Departments
        </Title>
        <Button onClick={() => setEditing('new')}>New department</Button>
      </Group>
      <FormError error={remove.error} />
      {departments.isPending ? (
        <Loading />
      ) : departments.isError ? (
        <ErrorState error={departments.error} onRetry={() => departments.refetch()} />
      ) : departments.data.length === 0 ? (
        <Empty title="No departments yet" />
      ) : (
        <Stack gap="xs">
          {departments.data.map((d) => (
            <Paper key={d.id} withBorder p="sm" data-testid="department">
              <Group justify="space-between" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Text fw={600}>{d.name}</Text>
                    {!d.isActive && <Badge color="gray">Inactive</Badge>}
                    {d.autoAssign && <Badge variant="light">Auto-assign</Badge>}
                  </Group>
                  {d.description && (
                    <Text size="sm" c="dimmed" className="user-text">
                      {d.description}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {d.memberIds.length ? `Agents: ${d.memberIds.map(agentName).join(', ')}` : 'No agents yet'}
                  </Text>
                </Stack>
                <EditDeleteButtons
                  size="compact-sm"
                  name={d.name}
                  onEdit={() => setEditing(d)}
                  onDelete={() => remove.mutate(d)}
                />
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {editing && (
        <DepartmentForm
          department={editing === 'new' ? null : editing}
          agents={(agents.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function DepartmentForm({
  department,
  agents,
  onClose,
}: {
  department: Department | null;
  agents: { value: string; label: string }[];
  onClose: () => void;
}) {
  const [form, setForm] = useState({
    name: department?.name ?? '',
    description: department?.description ?? '',
    isActive: department?.isActive ?? true,
    autoAssign: department?.autoAssign ?? false,
  });
  const [members, setMembers] = useState<string[]>(department?.memberIds ?? []);
  const save = useAdminWrite<typeof form>([refKeys.departments], (f) =>
    department
      ? { method: 'patch', path: `/api/departments/${department.id}`, body: f }
      : {
          method: 'post',
          path: '/api/departments',
          body: { name: f.name, description: f.description || undefined, autoAssign: f.autoAssign },
        },
  );
  const saveMembers = useAdminWrite<{ id: string; userIds: string[] }>(
    [refKeys.departments, ['admin', 'users']],
    (v) => ({ method: 'put', path: `/api/departments/${v.id}/members`, body: { userIds: v.userIds } }),
    'Department saved',
  );
  const errors = fieldErrors(save.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(form, {
      onSuccess: (data) => {
        const id =
          department?.id ??
          (data as { id?: string; department?: { id: string } }).id ??
          (data as { department?: { id: string } }).department?.id;
        if (id) saveMembers.mutate({ id, userIds: members }, { onSuccess: onClose });
        else onClose();
      },
    });
  }
  return (
    <Modal opened onClose={onClose} title={department ? `Edit ${department.name}` : 'New department'}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label="Name"
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={errors.name}
          />
          <Textarea
            label="Description"
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
            error={errors.description}
          />
          <MultiSelect label="Agents" data={agents} value={members} onChange={setMembers} searchable />
          <Switch
            label="Assign new tickets automatically (round-robin)"
            checked={form.autoAssign}
            onChange={(e) => setForm({ ...form, autoAssign: e.currentTarget.checked })}
          />
          {department && (
            <Switch
              label="Active"
              checked={form.isActive}
              onChange={(e) => setForm({ ...form, isActive: e.currentTarget.checked })}
            />
          )}
          {Object.keys(errors).length === 0 && <FormError error={save.error ?? saveMembers.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending || saveMembers.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
