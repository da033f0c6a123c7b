import type { User } from '@helpdesk/contract';
import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, FormError, QueryView } from '../../components/ui/states';
import { TableHead } from '../../components/ui/table-head';
import { TimeAgo } from '../../components/ui/time-ago';
import { useDepartments } from '../../lib/api/get-departments';
import { roleLabel } from '../../lib/role-label';
import { useSearchBox } from '../../lib/use-search-box';
import { useRoles } from './api/get-roles';
import { useUsers } from './api/get-users';
import { useIssueResetLink } from './api/issue-reset-link';
import { useToggleUserActive } from './api/set-user-active';
import { ResetLinkModal } from './components/reset-link-modal';
import { UserForm } from './components/user-form';

export default function UsersPage() {
  const search = useSearchBox();
  const [role, setRole] = useState<string | null>(null);
  const users = useUsers({ q: search.query || undefined, role: role ?? undefined });
  const roles = useRoles();
  const departments = useDepartments();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetLink, setResetLink] = useState<string | null>(null);
  const toggleActive = useToggleUserActive();
  const issueReset = useIssueResetLink();
  const { t } = useTranslation('admin');
  const deptName = (id: string) => departments.data?.find((d) => d.id === id)?.name ?? '';
  const showResetLink = (user: User) =>
    issueReset.mutate(user.id, {
      // The server gives the client page's path: the admin passes on a whole address.
      onSuccess: ({ url }) => setResetLink(url.startsWith('/') ? `${window.location.origin}${url}` : url),
    });

  return (
    <Stack>
      <PageHeader title={t('users.title')}>
        <Button onClick={() => setEditing('new')}>{t('users.new')}</Button>
      </PageHeader>
      <Group gap="xs">
        <TextInput aria-label={t('users.search')} placeholder={t('users.searchPlaceholder')} {...search.inputProps} />
        <Select
          aria-label={t('users.roleFilter')}
          placeholder={t('users.anyRole')}
          clearable
          data={(roles.data ?? []).map((r) => ({ value: r.name, label: roleLabel(r.name) }))}
          value={role}
          onChange={setRole}
        />
      </Group>
      <FormError error={toggleActive.error ?? issueReset.error} />
      <QueryView query={users} empty={<Empty title={t('users.none')} />}>
        {(items) => (
          <Table.ScrollContainer minWidth={600}>
            <Table data-testid="users-table">
              <TableHead
                columns={[
                  t('users.columns.name'),
                  t('users.columns.role'),
                  t('users.columns.departments'),
                  t('users.columns.lastSignIn'),
                  t('users.columns.actions'),
                ]}
              />
              <Table.Tbody>
                {items.map((u) => (
                  <Table.Tr key={u.id} opacity={u.isActive ? 1 : 0.6}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {u.name} {!u.isActive && <Badge color="gray">{t('users.deactivated')}</Badge>}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {u.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{roleLabel(u.role.name)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{u.departmentIds.map(deptName).join(', ')}</Text>
                    </Table.Td>
                    <Table.Td>{u.lastLoginAt ? <TimeAgo value={u.lastLoginAt} /> : t('users.never')}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-xs" variant="default" onClick={() => setEditing(u)}>
                          {t('common.edit')}
                        </Button>
                        <Button size="compact-xs" variant="default" onClick={() => toggleActive.mutate(u)}>
                          {u.isActive ? t('users.deactivate') : t('users.reactivate')}
                        </Button>
                        <Button size="compact-xs" variant="default" onClick={() => showResetLink(u)}>
                          {t('users.resetLink')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {users.hasNextPage && (
              <Button variant="light" onClick={() => users.fetchNextPage()}>
                {t('common.loadMore')}
              </Button>
            )}
          </Table.ScrollContainer>
        )}
      </QueryView>
      {editing && (
        <UserForm user={editing === 'new' ? null : editing} roles={roles.data ?? []} onClose={() => setEditing(null)} />
      )}
      <ResetLinkModal link={resetLink} onClose={() => setResetLink(null)} />
    </Stack>
  );
}
