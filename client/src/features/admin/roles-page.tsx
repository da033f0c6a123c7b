import { permissions as allPermissions } from '@helpdesk/contract/permissions';
import { Badge, Button, Checkbox, Group, Modal, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorState, FormError, Loading } from '../../components/ui/states';
import { api, fieldErrors } from '../../lib/api-client';
import type { Role } from '../../lib/types';
import { useAdminWrite } from './api';

const rolesKey = ['admin', 'roles'] as const;

/** The permission matrix: a column per role, a row per permission; saved per role. */
export default function RolesPage() {
  const roles = useQuery({
    queryKey: rolesKey,
    queryFn: ({ signal }) => api.get<Role[]>('/api/roles', undefined, signal),
  });
  const [draft, setDraft] = useState<Record<string, string[]>>({});
  const [creating, setCreating] = useState(false);
  const save = useAdminWrite<{ id: string; permissions: string[] }>(
    [rolesKey],
    (v) => ({ method: 'patch', path: `/api/roles/${v.id}`, body: { permissions: v.permissions } }),
    'Role saved',
  );
  const remove = useAdminWrite<Role>(
    [rolesKey],
    (r) => ({ method: 'delete', path: `/api/roles/${r.id}` }),
    'Role deleted',
  );

  if (roles.isPending) return <Loading />;
  if (roles.isError) return <ErrorState error={roles.error} onRetry={() => roles.refetch()} />;
  const perms = (r: Role) => draft[r.id] ?? r.permissions;
  const locked = (r: Role) => r.name === 'SUPER_ADMIN';
  const toggle = (r: Role, p: string) => {
    const cur = perms(r);
    setDraft({ ...draft, [r.id]: cur.includes(p) ? cur.filter((x) => x !== p) : [...cur, p] });
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Roles and permissions
        </Title>
        <Button onClick={() => setCreating(true)}>New role</Button>
      </Group>
      <FormError error={save.error ?? remove.error} />
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder withColumnBorders striped data-testid="permission-matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Permission</Table.Th>
              {roles.data.map((r) => (
                <Table.Th key={r.id} ta="center">
                  <Stack gap={2} align="center">
                    <Text size="sm" fw={600}>
                      {r.name}
                    </Text>
                    {r.isSystem && (
                      <Badge size="xs" variant="light">
                        built-in
                      </Badge>
                    )}
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {allPermissions.map((p) => (
              <Table.Tr key={p}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {p}
                  </Text>
                </Table.Td>
                {roles.data.map((r) => (
                  <Table.Td key={r.id} ta="center">
                    <Checkbox
                      aria-label={`${r.name}: ${p}`}
                      checked={locked(r) || perms(r).includes(p)}
                      disabled={locked(r)}
                      onChange={() => toggle(r, p)}
                      style={{ display: 'inline-block' }}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td />
              {roles.data.map((r) => (
                <Table.Td key={r.id} ta="center">
                  <Stack gap={4} align="center">
                    <Button
                      size="compact-xs"
                      disabled={!draft[r.id] || locked(r)}
                      loading={save.isPending}
                      onClick={() =>
                        save.mutate(
                          { id: r.id, permissions: perms(r) },
                          {
                            onSuccess: () => {
                              const { [r.id]: _, ...rest } = draft;
                              setDraft(rest);
                            },
                          },
                        )
                      }
                    >
                      Save
                    </Button>
                    {!r.isSystem && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => window.confirm(`Delete ${r.name}?`) && remove.mutate(r)}
                      >
                        Delete
                      </Button>
                    )}
                  </Stack>
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {creating && <NewRole onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function NewRole({ onClose }: { onClose: () => void }) {
  const [form, setForm] = useState({ name: '', description: '' });
  const create = useAdminWrite<typeof form>(
    [rolesKey],
    (f) => ({
      method: 'post',
      path: '/api/roles',
      body: { name: f.name, description: f.description || undefined, permissions: [] },
    }),
    'Role created',
  );
  const errors = fieldErrors(create.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(form, { onSuccess: onClose });
  }
  return (
    <Modal opened onClose={onClose} title="New role">
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
          />
          {Object.keys(errors).length === 0 && <FormError error={create.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
