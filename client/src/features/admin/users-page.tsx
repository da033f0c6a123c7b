import {
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Empty, ErrorState, FormError, Loading } from '../../components/ui/states';
import { TimeAgo } from '../../components/ui/time-ago';
import { paths } from '../../config/paths';
import { api, fieldErrors, request } from '../../lib/api-client';
import { useDepartments } from '../../lib/reference';
import type { Role, User } from '../../lib/types';
import { useAdminWrite } from './api';

const usersKey = ['admin', 'users'] as const;

export default function UsersPage() {
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const users = useInfiniteQuery({
    queryKey: [...usersKey, debounced, role],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => {
      const res = await request<User[]>('GET', '/api/users', {
        query: { q: debounced || undefined, role: role ?? undefined, limit: 50, cursor: pageParam },
        signal,
      });
      return { items: res.data, next: res.meta?.nextCursor ?? null };
    },
    getNextPageParam: (p) => p.next ?? undefined,
  });
  const roles = useQuery({ queryKey: ['admin', 'roles'], queryFn: () => api.get<Role[]>('/api/roles') });
  const departments = useDepartments();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetLink, setResetLink] = useState<string | null>(null);
  const toggleActive = useAdminWrite<User>([usersKey, ['ref']], (u) => ({
    method: 'post',
    path: `/api/users/${u.id}/${u.isActive ? 'deactivate' : 'reactivate'}`,
  }));
  const issueReset = useAdminWrite<User>([], (u) => ({ method: 'post', path: `/api/users/${u.id}/reset-link` }));
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];
  const deptName = (id: string) => departments.data?.find((d) => d.id === id)?.name ?? '';

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Users
        </Title>
        <Button onClick={() => setEditing('new')}>New user</Button>
      </Group>
      <Group gap="xs">
        <TextInput
          type="search"
          aria-label="Search users"
          placeholder="Name or email"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <Select
          aria-label="Role"
          placeholder="Any role"
          clearable
          data={(roles.data ?? []).map((r) => ({ value: r.name, label: r.name }))}
          value={role}
          onChange={setRole}
        />
      </Group>
      <FormError error={toggleActive.error ?? issueReset.error} />
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => users.refetch()} />
      ) : items.length === 0 ? (
        <Empty title="No users match" />
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Departments</Table.Th>
                <Table.Th>Last sign-in</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((u) => (
                <Table.Tr key={u.id} opacity={u.isActive ? 1 : 0.6}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {u.name} {!u.isActive && <Badge color="gray">Deactivated</Badge>}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {u.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{u.role.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{u.departmentIds.map(deptName).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>{u.lastLoginAt ? <TimeAgo value={u.lastLoginAt} /> : 'never'}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="default" onClick={() => setEditing(u)}>
                        Edit
                      </Button>
                      <Button size="compact-xs" variant="default" onClick={() => toggleActive.mutate(u)}>
                        {u.isActive ? 'Deactivate' : 'Reactivate'}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="default"
                        onClick={() =>
                          issueReset.mutate(u, {
                            onSuccess: (d) => {
                              const data = d as { token?: string; url?: string; link?: string };
                              const url =
                                data.url ??
                                data.link ??
                                `${paths.resetPassword}?token=${encodeURIComponent(data.token ?? '')}`;
                              setResetLink(url.startsWith('/') ? `${window.location.origin}${url}` : url);
                            },
                          })
                        }
                      >
                        Reset link
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {users.hasNextPage && (
            <Button variant="light" onClick={() => users.fetchNextPage()}>
              Load more
            </Button>
          )}
        </Table.ScrollContainer>
      )}
      {editing && (
        <UserForm
          user={editing === 'new' ? null : editing}
          roles={roles.data ?? []}
          departments={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          onClose={() => setEditing(null)}
        />
      )}
      <Modal opened={resetLink !== null} onClose={() => setResetLink(null)} title="Password reset link">
        <Stack>
          <Text size="sm">Send this one-time link to the user. It is shown only now.</Text>
          <Code block data-testid="reset-link">
            {resetLink}
          </Code>
          <CopyButton value={resetLink ?? ''}>
            {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy link'}</Button>}
          </CopyButton>
        </Stack>
      </Modal>
    </Stack>
  );
}

function UserForm({
  user,
  roles,
  departments,
  onClose,
}: {
  user: User | null;
  roles: Role[];
  departments: { value: string; label: string }[];
  onClose: () => void;
}) {
  const [form, setForm] = useState({
    name: user?.name ?? '',
    email: user?.email ?? '',
    roleId: user?.role.id ?? roles.find((r) => r.name === 'AGENT')?.id ?? '',
    departmentIds: user?.departmentIds ?? [],
    password: '',
  });
  const save = useAdminWrite<typeof form>(
    [usersKey, ['ref'], ['admin', 'departments']],
    (f) => {
      const body: Record<string, unknown> = {
        name: f.name,
        email: f.email,
        roleId: f.roleId,
        departmentIds: f.departmentIds,
      };
      if (!user && f.password) body.password = f.password;
      return user
        ? { method: 'patch', path: `/api/users/${user.id}`, body }
        : { method: 'post', path: '/api/users', body };
    },
    user ? 'User saved' : 'User created',
  );
  const errors = fieldErrors(save.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(form, { onSuccess: onClose });
  }
  return (
    <Modal opened onClose={onClose} title={user ? `Edit ${user.name}` : 'New user'}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label="Name"
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={errors.name}
          />
          <TextInput
            label="Email"
            type="email"
            required
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            error={errors.email}
          />
          <Select
            label="Role"
            required
            data={roles.map((r) => ({ value: r.id, label: r.name }))}
            value={form.roleId || null}
            onChange={(v) => setForm({ ...form, roleId: v ?? '' })}
            error={errors.roleId}
            allowDeselect={false}
          />
          <MultiSelect
            label="Departments"
            data={departments}
            value={form.departmentIds}
            onChange={(v) => setForm({ ...form, departmentIds: v })}
            error={errors.departmentIds}
            searchable
          />
          {!user && (
            <PasswordInput
              label="Password"
              description="Optional: leave empty and send a reset link instead"
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
              error={errors.password}
            />
          )}
          {Object.keys(errors).length === 0 && <FormError error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
